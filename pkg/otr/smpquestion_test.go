package otr

import "testing"

// The side that answered a question learns the outcome but is told that
// the run does not verify the asker (libotr's received_question); the
// asker's outcome carries no question. Without a question neither does.
func TestSMPOutcomeSaysWhoAnsweredAQuestion(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, question string
		want                 EventKind
	}{
		{"question, same answer", "blue", "blue", "favourite colour?", EventSMPSucceeded},
		{"question, wrong answer", "blue", "red", "favourite colour?", EventSMPFailed},
		{"no question", "blue", "blue", "", EventSMPSucceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
			establish(t, alice, bob)
			res, err := alice.c.StartSMP([]byte(tc.a), tc.question)
			if err != nil {
				t.Fatal(err)
			}
			pump(t, alice, bob, res.Messages)
			bob.take(EventSMPRequest)
			// The answer's state is saved and reloaded between steps, as the CLI does.
			res, err = bob.c.AnswerSMP([]byte(tc.b))
			if err != nil {
				t.Fatal(err)
			}
			bob.c.State = cloneState(t, bob.c.State)
			pump(t, bob, alice, res.Messages)
			aliceEnd, bobEnd := alice.take(tc.want), bob.take(tc.want)
			if len(aliceEnd) != 1 || len(bobEnd) != 1 {
				t.Fatalf("want one %s each; alice %v, bob %v", tc.want, aliceEnd, bobEnd)
			}
			if aliceEnd[0].HasQuestion {
				t.Errorf("the asker's %s says it answered a question: %+v", tc.want, aliceEnd[0])
			}
			if got := bobEnd[0]; got.HasQuestion != (tc.question != "") || got.Question != tc.question {
				t.Errorf("the answerer's %s: HasQuestion %v question %q, want %q", tc.want, got.HasQuestion, got.Question, tc.question)
			}
			if bob.c.State.SMP.HasQuestion || bob.c.SMPInProgress() {
				t.Errorf("the question outlived the run: %+v", bob.c.State.SMP)
			}
			// A later run without a question, started by bob, carries none.
			res, err = bob.c.StartSMP([]byte("x"), "")
			if err != nil {
				t.Fatal(err)
			}
			pump(t, bob, alice, res.Messages)
			alice.take(EventSMPRequest)
			res, err = alice.c.AnswerSMP([]byte("x"))
			if err != nil {
				t.Fatal(err)
			}
			pump(t, alice, bob, res.Messages)
			for _, e := range append(alice.take(EventSMPSucceeded), bob.take(EventSMPSucceeded)...) {
				if e.HasQuestion {
					t.Errorf("a run without a question reports one: %+v", e)
				}
			}
		})
	}
}
