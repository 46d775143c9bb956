package main

import (
	"strings"
	"testing"
)

// TestFragmentedMessageAtLeastOnce: the last piece of a fragmented message
// given to a recv killed inside its save (after showing the message), then
// given again, shows the message again with the same id: the pieces before
// it are kept until the whole message's step is saved.
func TestFragmentedMessageAtLeastOnce(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	text, pieces := fragmentedMessage(t, alice, 2000)
	if len(pieces) < 3 {
		t.Fatalf("%d pieces", len(pieces))
	}
	last := pieces[len(pieces)-1]
	bob.must(strings.Join(pieces[:len(pieces)-1], "\n")+"\n", "recv", "--peer", "alice")
	events, _ := recvKilledInSave(t, bob, last)
	first := outcomeOf(events)
	if first == nil || first["text"] != text {
		t.Fatalf("killed inside its save, recv had shown %v", events)
	}
	r := bob.recv(last + "\n")
	if m := r.event("message"); m == nil || m["text"] != text || m["id"] != first["id"] {
		t.Fatalf("the last piece given again shows %v, want the message again with id %v", r.events, first["id"])
	}
	r = bob.otr(last+"\n", "recv", "--peer", "alice")
	if m := r.event("message"); m != nil {
		t.Fatalf("after the save the message is shown a third time: %v", r.events)
	}
}
