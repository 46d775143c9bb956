package otr

import (
	"errors"
	"testing"

	xotr "golang.org/x/crypto/otr"
)

func runSMP(t *testing.T, alice, bob *convEndpoint, secretA, secretB, question string) (EventKind, EventKind) {
	t.Helper()
	res, err := alice.c.StartSMP([]byte(secretA), question)
	if err != nil {
		t.Fatal(err)
	}
	pump(t, alice, bob, res.Messages)
	reqs := bob.take(EventSMPRequest)
	if len(reqs) != 1 || reqs[0].HasQuestion != (question != "") || reqs[0].Question != question {
		t.Fatalf("smp_request events %+v", reqs)
	}
	res, err = bob.c.AnswerSMP([]byte(secretB))
	if err != nil {
		t.Fatal(err)
	}
	pump(t, bob, alice, res.Messages)
	return outcome(t, alice), outcome(t, bob)
}

func outcome(t *testing.T, e *convEndpoint) EventKind {
	t.Helper()
	var kinds []EventKind
	for _, k := range []EventKind{EventSMPSucceeded, EventSMPFailed, EventSMPAborted} {
		if len(e.take(k)) > 0 {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) != 1 {
		t.Fatalf("SMP outcome events %v", kinds)
	}
	return kinds[0]
}

func TestSMP(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, question string
		want                 EventKind
	}{
		{"success", "the same secret", "the same secret", "", EventSMPSucceeded},
		{"failure", "one secret", "another", "", EventSMPFailed},
		{"question", "blue", "blue", "favourite colour?\t\"quoted\" ☃", EventSMPSucceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range []Policy{DefaultPolicy(), {AllowV2: true}} {
				alice, bob := newEndpoints(t, p, p)
				establish(t, alice, bob)
				a, b := runSMP(t, alice, bob, tc.a, tc.b, tc.question)
				if a != tc.want || b != tc.want {
					t.Fatalf("outcomes %s/%s, want %s", a, b, tc.want)
				}
				if alice.c.SMPInProgress() || bob.c.SMPInProgress() {
					t.Fatal("SMP still in progress after completion")
				}
				sendText(t, alice, bob, "still talking")
			}
		})
	}
}

func TestSMPAbortAndRestart(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	res, _ := alice.c.StartSMP([]byte("s"), "")
	pump(t, alice, bob, res.Messages)
	res, err := bob.c.AbortSMP()
	if err != nil {
		t.Fatal(err)
	}
	pump(t, bob, alice, res.Messages)
	if len(alice.take(EventSMPAborted)) != 1 || alice.c.SMPInProgress() || bob.c.SMPInProgress() {
		t.Fatal("abort not seen")
	}
	bob.take(EventSMPAborted)
	bob.take(EventSMPRequest)
	a, b := runSMP(t, bob, alice, "again", "again", "")
	if a != EventSMPSucceeded || b != EventSMPSucceeded {
		t.Fatalf("restart after abort: %s/%s", a, b)
	}
}

// TestSMPOutOfOrder: a replayed SMP message aborts cleanly on both sides.
func TestSMPOutOfOrder(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	res, _ := alice.c.StartSMP([]byte("s"), "")
	pump(t, alice, bob, res.Messages)
	ans, _ := bob.c.AnswerSMP([]byte("s"))
	replies := alice.receive(t, ans.Messages[0]) // message 3 to bob
	// Deliver message 2 again (a fresh data message carrying the same TLV is
	// what a confused peer sends): alice expects 4 now.
	again, _ := bob.c.sendSMPRaw(t, TLVSMP2)
	alice.receive(t, again)
	if alice.c.SMPInProgress() || len(alice.take(EventSMPAborted)) != 1 {
		t.Fatal("alice did not abort on an out-of-order SMP message")
	}
	if errs := alice.take(EventError); len(errs) != 1 || !errors.Is(errs[0].Err, ErrSMPState) {
		t.Fatalf("error events %+v, want one carrying ErrSMPState", errs)
	}
	pump(t, alice, bob, replies)
}

// sendSMPRaw makes a data message carrying an SMP TLV with junk MPIs.
func (c *Conversation) sendSMPRaw(t *testing.T, typ uint16) (string, error) {
	var res Result
	mpis := make([]byte, 0)
	mpis = append(mpis, 0, 0, 0, byte(smpMPICounts[typ]))
	for i := 0; i < smpMPICounts[typ]; i++ {
		mpis = append(mpis, 0, 0, 0, 1, 5)
	}
	err := c.sendData(append([]byte{0}, append([]byte{0, byte(typ), 0, byte(len(mpis))}, mpis...)...), 0, &res)
	return res.Messages[0], err
}

func TestSMPWithXCrypto(t *testing.T) {
	for _, tc := range []struct {
		name       string
		secret     string
		wantOurs   EventKind
		wantTheirs xotr.SecurityChange
	}{
		{"success", "shared", EventSMPSucceeded, xotr.SMPComplete},
		{"failure", "different", EventSMPFailed, xotr.SMPFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			us := &convEndpoint{c: newTestConversation(t, "alice", 0x1234, DefaultPolicy())}
			them := newXEndpoint(t, "bob", 0)
			pump(t, us, them, us.c.Query().Messages)
			res, err := us.c.StartSMP([]byte("shared"), "")
			if err != nil {
				t.Fatal(err)
			}
			pump(t, us, them, res.Messages)
			if them.changes[len(them.changes)-1] != xotr.SMPSecretNeeded {
				t.Fatalf("x/crypto/otr changes %v", them.changes)
			}
			toSend, err := them.c.Authenticate("", []byte(tc.secret))
			if err != nil {
				t.Fatal(err)
			}
			pump(t, them, us, lines(toSend))
			if got := outcome(t, us); got != tc.wantOurs {
				t.Fatalf("our outcome %s", got)
			}
			if got := them.changes[len(them.changes)-1]; got != tc.wantTheirs {
				t.Fatalf("x/crypto/otr outcome %v", got)
			}
		})
	}
}

// TestOversizedUserInput: a question or context too long for a TLV is an
// error, not a panic, and sends nothing.
func TestOversizedUserInput(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	huge := string(make([]byte, 70000))
	if res, err := alice.c.StartSMP([]byte("s"), huge); err == nil || len(res.Messages) != 0 {
		t.Fatalf("70,000-byte question: err %v, %d lines", err, len(res.Messages))
	}
	if _, res, err := alice.c.ExtraKey(1, []byte(huge)); err == nil || len(res.Messages) != 0 {
		t.Fatalf("70,000-byte context: err %v", err)
	}
	if _, err := alice.c.SendWith("x", SendOptions{TLVs: []TLV{{Type: 99, Value: []byte(huge)}}}); err == nil {
		t.Fatal("70,000-byte TLV accepted")
	}
	sendText(t, alice, bob, "still fine")
}

func TestOversizedQuestionLeavesStateAlone(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	before := marshalState(t, alice.c.State)
	if _, err := alice.c.StartSMP([]byte("s"), string(make([]byte, 64000))); err == nil {
		t.Fatal("accepted")
	}
	if marshalState(t, alice.c.State) != before {
		t.Fatal("a refused SMP start changed the state")
	}
}

// TestNULInTextRefused: a NUL would end the text inside a data message (TLVs
// follow it), so messages and SMP questions containing one are refused.
func TestNULInTextRefused(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	before := marshalState(t, alice.c.State)
	if _, err := alice.c.Send("a\x00b"); !errors.Is(err, ErrNUL) {
		t.Fatalf("message with NUL: %v", err)
	}
	if _, err := alice.c.StartSMP([]byte("s"), "q\x00?"); !errors.Is(err, ErrNUL) {
		t.Fatalf("question with NUL: %v", err)
	}
	if marshalState(t, alice.c.State) != before {
		t.Fatal("a refused send changed the state")
	}
	sendText(t, alice, bob, "still fine")
}

// TestSMPBothStartAtOnce: both sides start SMP at the same moment; both
// abort cleanly (no hang, no success) and a fresh start then works.
func TestSMPBothStartAtOnce(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	ra, _ := alice.c.StartSMP([]byte("s"), "")
	rb, _ := bob.c.StartSMP([]byte("s"), "")
	fromBob := bob.receive(t, ra.Messages[0])
	fromAlice := alice.receive(t, rb.Messages[0])
	pump(t, bob, alice, fromBob)
	pump(t, alice, bob, fromAlice)
	if alice.c.SMPInProgress() || bob.c.SMPInProgress() {
		t.Fatal("an SMP is still running after both started at once")
	}
	for _, e := range []*convEndpoint{alice, bob} {
		if len(e.take(EventSMPSucceeded)) != 0 || len(e.take(EventSMPAborted)) == 0 {
			t.Fatal("crossed starts must abort, not succeed")
		}
		e.events = nil
	}
	if a, b := runSMP(t, alice, bob, "again", "again", ""); a != EventSMPSucceeded || b != EventSMPSucceeded {
		t.Fatalf("restart after crossed starts: %s/%s", a, b)
	}
}

// TestSMPAbortedByDisconnect: ending the conversation cuts a running SMP
// short; both sides are told it was aborted.
func TestSMPAbortedByDisconnect(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	res, _ := alice.c.StartSMP([]byte("s"), "")
	pump(t, alice, bob, res.Messages)
	end, err := alice.c.End()
	if err != nil {
		t.Fatal(err)
	}
	if len(end.Events) == 0 || end.Events[0].Kind != EventSMPAborted {
		t.Fatalf("our events on End: %+v", end.Events)
	}
	pump(t, alice, bob, end.Messages)
	if len(bob.take(EventSMPAborted)) != 1 || bob.c.SMPInProgress() {
		t.Fatal("the peer was not told its pending SMP request ended")
	}
}

// TestSMPCutByRefresh: an AKE that refreshes the session while SMP runs
// (its values are bound to the old session id) ends the SMP on both sides
// with an smp_aborted event saying why, not silently; a new SMP then
// succeeds.
func TestSMPCutByRefresh(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	res, _ := alice.c.StartSMP([]byte("s"), "")
	pump(t, alice, bob, res.Messages)
	bob.take(EventSMPRequest)
	pump(t, bob, alice, alice.c.Query().Messages)
	for name, e := range map[string]*convEndpoint{"alice": alice, "bob": bob} {
		got := e.take(EventSMPAborted)
		if len(got) != 1 || got[0].Text == "" || e.c.SMPInProgress() {
			t.Fatalf("%s: smp_aborted events %+v, in progress %v", name, got, e.c.SMPInProgress())
		}
		if sec := e.take(EventSecure); len(sec) != 1 || !sec[0].Refreshed {
			t.Fatalf("%s: secure events %+v", name, sec)
		}
	}
	if a, b := runSMP(t, alice, bob, "again", "again", ""); a != EventSMPSucceeded || b != EventSMPSucceeded {
		t.Fatalf("SMP after the refresh: %s/%s", a, b)
	}
}
