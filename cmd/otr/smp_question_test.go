package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// As libotr and pidgin-otr: answering the peer's question verifies us to
// the peer, not the peer to us; asking our own question then verifies
// them. Meanwhile status shows the pending request and its question.
func TestSMPQuestionVerifiesOnlyTheAsker(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	question := "Name of our first pet?\x1b[2J"
	start := alice.must("Rex\n", "smp", "start", "--peer", "bob", "--question", question)
	bob.recv(start.stdout)

	var st struct {
		SMP *struct {
			State    string  `json:"state"`
			Question *string `json:"question"`
		} `json:"smp"`
	}
	if err := json.Unmarshal([]byte(bob.must("", "status", "--peer", "alice").stdout), &st); err != nil {
		t.Fatal(err)
	}
	if st.SMP == nil || st.SMP.State != "request" || st.SMP.Question == nil || *st.SMP.Question != question {
		t.Fatalf("bob's status JSON smp = %+v, want a request with the question", st.SMP)
	}
	text := runOTR(t, "", nil, "--state", bob.dir, "status", "--peer", "alice").stdout
	if !strings.Contains(text, `with the question "Name of our first pet?\u{1b}[2J"`) || !strings.Contains(text, "otr smp answer --peer alice") {
		t.Errorf("bob's status text does not show the escaped question and what to do:\n%s", text)
	}
	if all := runOTR(t, "", nil, "--state", bob.dir, "status").stdout; !strings.Contains(all, "SMP request waiting for your answer") {
		t.Errorf("bob's identity status does not list the request:\n%s", all)
	}
	if text := runOTR(t, "", nil, "--state", alice.dir, "status", "--peer", "bob").stdout; !strings.Contains(text, "smp: in progress") {
		t.Errorf("alice's status does not show her run:\n%s", text)
	}

	answer := bob.must("Rex\n", "smp", "answer", "--peer", "alice")
	results := exchange(t, alice, bob, answer.stdout)
	var bobEnd, aliceEnd map[string]any
	for i, r := range results {
		if e := r.event("smp_succeeded"); e != nil && i%2 == 1 {
			bobEnd = e
		} else if e != nil {
			aliceEnd = e
		}
	}
	if aliceEnd == nil || bobEnd == nil {
		t.Fatalf("smp_succeeded: alice %v, bob %v", aliceEnd, bobEnd)
	}
	if bobEnd["question"] != question || aliceEnd["question"] != nil {
		t.Errorf("smp_succeeded should name the answered question on bob's side only: alice %v, bob %v", aliceEnd, bobEnd)
	}
	trustOf := func(p *party) string { return p.must("", "trust", "--peer", p.peer).stdout }
	if !strings.Contains(trustOf(alice), "smp") || !strings.Contains(trustOf(bob), "unverified") {
		t.Fatalf("after alice's question: alice's trust %q (want smp), bob's %q (want unverified)", trustOf(alice), trustOf(bob))
	}
	if st := bob.must("", "status", "--peer", "alice").stdout; strings.Contains(st, `"smp"`) {
		t.Errorf("the finished run still shows in status: %s", st)
	}

	// The text line says why, and what to do.
	start = alice.must("Rex\n", "smp", "start", "--peer", "bob", "--question", "again?")
	bob.recv(start.stdout)
	answer = bob.must("Rex\n", "smp", "answer", "--peer", "alice")
	r := alice.recv(answer.stdout)
	last := runOTR(t, r.stdout, nil, "--state", bob.dir, "recv", "--peer", "alice")
	if !strings.Contains(last.stderr, "does not verify alice to you") || !strings.Contains(last.stderr, "otr smp start --peer alice") {
		t.Errorf("bob's text line: %q", last.stderr)
	}
	alice.recv(last.stdout)

	// bob asks his own question: now bob verifies alice.
	start = bob.must("Tom\n", "smp", "start", "--peer", "alice", "--question", "Our cat?")
	alice.recv(start.stdout)
	answer = alice.must("Tom\n", "smp", "answer", "--peer", "bob")
	exchange(t, bob, alice, answer.stdout)
	if !strings.Contains(trustOf(bob), "smp") {
		t.Errorf("after bob's own question bob's trust is %q, want smp", trustOf(bob))
	}
}
