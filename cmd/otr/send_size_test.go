package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

// A message whose encoding is longer than any recv reassembles (256 KiB)
// is refused by send, whole or fragmented: nothing printed, nothing saved,
// with a hint to split it. The old send printed it, spent its counter, and
// the peer's recv rejected it: a message lost without a word. The largest
// message that fits still goes through.
func TestSendRefusesUndeliverableMessage(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	for _, frag := range []string{"0", "2000"} {
		before := readFile(t, alice.peerFile())
		big := strings.Repeat("x", 200_000)
		r := alice.otr(big+"\n", "--fragment-size", frag, "send", "--peer", alice.peer)
		if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "too large") || !strings.Contains(r.stderr, "otr: hint: nothing was sent") {
			t.Fatalf("--fragment-size %s, 200,000 characters: exit %d, %d bytes out, %q", frag, r.code, len(r.stdout), r.stderr)
		}
		if after := readFile(t, alice.peerFile()); !bytes.Equal(before, after) {
			t.Fatalf("--fragment-size %s: the refused send changed the state", frag)
		}
		fits := strings.Repeat("y", 190_000)
		out := alice.must(fits+"\n", "--fragment-size", frag, "send", "--peer", alice.peer).stdout
		if e := bob.recv(out).event("message"); e == nil || e["text"] != fits {
			t.Fatalf("--fragment-size %s: the 190,000-character message did not arrive", frag)
		}
	}
}

// TestQueueRefusesUndeliverableMessage: with require-encryption a message
// typed before the AKE is queued; one whose data message would exceed what
// recv reassembles is refused at once (nothing queued, saved or printed)
// instead of being sent after the AKE and rejected unseen. The largest
// that fits arrives.
func TestQueueRefusesUndeliverableMessage(t *testing.T) {
	alice, bob := pair(t)
	alice.must("", "policy", "require-encryption=true")
	alice.must("", "query", "--peer", "bob")
	before := readFile(t, alice.peerFile())
	r := alice.otr(strings.Repeat("x", 200_000)+"\n", "send", "--peer", "bob")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "too large") || !strings.Contains(r.stderr, "otr: hint: nothing was queued") {
		t.Fatalf("a 200,000-character queued message: exit %d, %d bytes out, %q", r.code, len(r.stdout), r.stderr)
	}
	if after := readFile(t, alice.peerFile()); !bytes.Equal(before, after) {
		t.Fatal("the refused message changed the state")
	}
	fits := strings.Repeat("y", otr.MaxReassembled*3/4-300)
	r = alice.must(fits+"\n", "send", "--peer", "bob")
	var got []string
	for _, res := range exchange(t, bob, alice, r.stdout) {
		for _, e := range res.events {
			if e["event"] == "message" {
				got = append(got, e["text"].(string))
			}
		}
	}
	if len(got) != 1 || got[0] != fits {
		t.Fatalf("bob got %d messages, want the queued %d-character one", len(got), len(fits))
	}
}
