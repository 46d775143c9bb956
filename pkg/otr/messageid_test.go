package otr

import (
	"encoding/hex"
	"fmt"
	"testing"
)

// receiveOne has to receive the lines and show exactly one message.
func receiveOne(t *testing.T, to *convEndpoint, lines []string) Event {
	t.Helper()
	for _, l := range lines {
		to.receive(t, l)
	}
	msgs := to.take(EventMessage)
	if len(msgs) != 1 {
		t.Fatalf("%d message events, want 1", len(msgs))
	}
	return msgs[0]
}

func sendLines(t *testing.T, from *convEndpoint, text string) []string {
	t.Helper()
	res, err := from.c.Send(text)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	return res.Messages
}

func checkIDForm(t *testing.T, id string) {
	t.Helper()
	if _, err := hex.DecodeString(id); err != nil || len(id) != IDLen {
		t.Fatalf("id %q: want %d hex digits", id, IDLen)
	}
}

// TestMessageIDStableWhenDecryptedAgain: a receiver that crashed before
// saving decrypts the same line again from the same state and must show it
// with the same id; every other message gets an id of its own (both
// directions, key rotations, one-sided bursts, v2 and v3).
func TestMessageIDStableWhenDecryptedAgain(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pa, pb Policy
	}{
		{"v3", DefaultPolicy(), DefaultPolicy()},
		{"v2", Policy{AllowV2: true}, Policy{AllowV2: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alice, bob := newEndpoints(t, tc.pa, tc.pb)
			establish(t, alice, bob)
			seen := map[string]string{}
			for i := 0; i < 60; i++ {
				from, to := alice, bob
				if i%3 == 2 { // two one way, one back: rotations in both patterns
					from, to = bob, alice
				}
				text := fmt.Sprintf("message %d", i)
				lines := sendLines(t, from, text)
				before := cloneState(t, to.c.State)
				first := receiveOne(t, to, lines)
				after := to.c.State
				to.c.State = before // the crash: the save never happened
				again := receiveOne(t, to, lines)
				to.c.State = after
				checkIDForm(t, first.ID)
				if again.ID != first.ID || again.Text != text {
					t.Fatalf("decrypted again: id %s text %q, first id %s", again.ID, again.Text, first.ID)
				}
				if prev, dup := seen[first.ID]; dup {
					t.Fatalf("%q and %q share the id %s", prev, text, first.ID)
				}
				seen[first.ID] = text
			}
		})
	}
}

// TestMessageIDDiffersAcrossSessions: a new AKE starts the counters and key
// ids again; the SSID keeps the ids apart.
func TestMessageIDDiffersAcrossSessions(t *testing.T) {
	var ids [2]string
	for i := range ids {
		alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
		establish(t, alice, bob)
		ids[i] = receiveOne(t, bob, sendLines(t, alice, "same words")).ID
	}
	if ids[0] == ids[1] {
		t.Fatalf("two sessions gave the same id %s to their first message", ids[0])
	}
}

// TestMessageIDCounterReuse: a peer whose counter repeats (its state, or
// ours, rolled back by a crash) sends another text under the same key ids
// and counter: the id must differ, so a consumer never drops it as a repeat.
func TestMessageIDCounterReuse(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	aliceBefore, bobBefore := cloneState(t, alice.c.State), cloneState(t, bob.c.State)
	first := receiveOne(t, bob, sendLines(t, alice, "first text"))
	alice.c.State, bob.c.State = aliceBefore, bobBefore
	second := receiveOne(t, bob, sendLines(t, alice, "other text"))
	if first.ID == second.ID {
		t.Fatalf("two texts under one counter share the id %s", first.ID)
	}
}

// TestPlaintextMessageIDs: unencrypted messages have no protocol identity;
// the same words twice are two messages with two ids.
func TestPlaintextMessageIDs(t *testing.T) {
	for _, p := range []Policy{DefaultPolicy(), {}} { // OTR on, and OTR off entirely
		bob := &convEndpoint{c: newTestConversation(t, "bob", 0x5678, p)}
		a := receiveOne(t, bob, []string{"hello"})
		b := receiveOne(t, bob, []string{"hello"})
		checkIDForm(t, a.ID)
		checkIDForm(t, b.ID)
		if a.ID == b.ID || a.Encrypted || b.Encrypted {
			t.Fatalf("policy %+v: ids %s and %s (encrypted %t %t)", p, a.ID, b.ID, a.Encrypted, b.Encrypted)
		}
	}
}
