package otr

import (
	"strings"
	"testing"
)

// TestAKECollision: both sides send a D-H Commit at once; exactly one
// commit must win and the AKE must still complete.
func TestAKECollision(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	var ra, rb Result
	if err := alice.c.startAKE(3, &ra); err != nil {
		t.Fatal(err)
	}
	if err := bob.c.startAKE(3, &rb); err != nil {
		t.Fatal(err)
	}
	toBob := ra.Messages
	toAlice := rb.Messages
	// Deliver both crossing commits, then let the replies flow.
	repliesFromBob := bob.receive(t, toBob[0])
	repliesFromAlice := alice.receive(t, toAlice[0])
	pump(t, bob, alice, repliesFromBob)
	pump(t, alice, bob, repliesFromAlice)
	if alice.c.State.MsgState != MsgEncrypted || bob.c.State.MsgState != MsgEncrypted {
		t.Fatalf("states after collision: %s / %s", alice.c.State.MsgState, bob.c.State.MsgState)
	}
	sendText(t, alice, bob, "after collision")
	sendText(t, bob, alice, "works")
}

// TestAKERestartMidSession: a new AKE inside an encrypted session replaces
// the keys and messages keep flowing.
func TestAKERestartMidSession(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	sendText(t, alice, bob, "before")
	oldSSID := string(alice.c.State.SSID)
	establish(t, bob, alice)
	if string(alice.c.State.SSID) == oldSSID {
		t.Fatal("restarted AKE kept the old SSID")
	}
	sendText(t, alice, bob, "after")
	sendText(t, bob, alice, "after too")
}

// TestRetransmittedCommit: a repeated D-H Commit gets the same D-H Key.
func TestRetransmittedCommit(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	commit := bob.receive(t, alice.c.Query().Messages[0])
	key1 := alice.receive(t, commit[0])
	key2 := alice.receive(t, commit[0])
	if len(key1) != 1 || len(key2) != 1 || key1[0] != key2[0] {
		t.Fatalf("D-H Key not retransmitted identically: %q vs %q", key1, key2)
	}
	pump(t, alice, bob, key1)
	if alice.c.State.MsgState != MsgEncrypted || bob.c.State.MsgState != MsgEncrypted {
		t.Fatal("AKE did not complete after a retransmitted commit")
	}
}

// TestInstanceTags: v3 messages addressed to another of our instances are
// skipped quietly; a data message from an unknown instance is an error.
func TestInstanceTags(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	carol := &convEndpoint{c: newTestConversation(t, "bob", 0x9999, DefaultPolicy())}
	establish(t, alice, carol) // alice now talks to instance 0x9999
	res, err := bob.c.Send("from the old instance")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := alice.c.Receive(res.Messages[0]); err == nil || !strings.Contains(err.Error(), "unknown instance") {
		t.Fatalf("message from an unknown instance: err = %v", err)
	}
	// A message for another instance of alice: bob's session is addressed
	// to 0x1234; pretend alice is a second instance.
	other := &convEndpoint{c: newTestConversation(t, "alice", 0x4321, DefaultPolicy())}
	r, err := other.c.Receive(res.Messages[0])
	if err != nil || len(r.Messages) != 0 {
		t.Fatalf("message for another instance: err %v, replies %q", err, r.Messages)
	}
}

// TestRequireEncryptionQueues: with REQUIRE_ENCRYPTION, typed messages are
// queued, one query goes out, and the queue is sent once secure.
func TestRequireEncryptionQueues(t *testing.T) {
	p := DefaultPolicy()
	p.RequireEncryption = true
	alice, bob := newEndpoints(t, p, DefaultPolicy())
	r1, _ := alice.c.Send("first")
	r2, _ := alice.c.Send("second")
	if len(r1.Messages) != 1 || !strings.HasPrefix(r1.Messages[0], "?OTRv") || len(r2.Messages) != 0 {
		t.Fatalf("want one query then nothing, got %q and %q", r1.Messages, r2.Messages)
	}
	pump(t, alice, bob, r1.Messages)
	var texts []string
	for _, e := range bob.take(EventMessage) {
		texts = append(texts, e.Text)
	}
	if strings.Join(texts, ",") != "first,second" {
		t.Fatalf("bob got %q", texts)
	}
}

// TestDisconnect: End sends TLV 1; the peer moves to finished and refuses
// to send until it ends too.
func TestDisconnect(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	res, err := alice.c.End()
	if err != nil {
		t.Fatal(err)
	}
	pump(t, alice, bob, res.Messages)
	if bob.c.State.MsgState != MsgFinished || len(bob.take(EventFinished)) != 1 {
		t.Fatalf("bob: %s", bob.c.State.MsgState)
	}
	if _, err := bob.c.Send("oops"); err != ErrFinished {
		t.Fatalf("send in finished: %v", err)
	}
	if _, err := bob.c.End(); err != nil || bob.c.State.MsgState != MsgPlaintext {
		t.Fatal("bob could not return to plaintext")
	}
	establish(t, bob, alice)
	sendText(t, alice, bob, "restarted")
}

// TestInstanceTagChangeIsReported: a new AKE from another instance of the
// peer replaces the session and says so.
func TestInstanceTagChangeIsReported(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	if w := alice.take(EventWarning); len(w) != 0 {
		t.Fatalf("warnings on a first AKE: %+v", w)
	}
	other := &convEndpoint{c: newTestConversation(t, "bob", 0x9999, DefaultPolicy())}
	establish(t, alice, other)
	w := alice.take(EventWarning)
	if len(w) != 1 || !strings.Contains(w[0].Text, "0x5678 to 0x9999") {
		t.Fatalf("warnings %+v", w)
	}
}
