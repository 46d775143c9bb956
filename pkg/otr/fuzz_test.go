package otr

import (
	"testing"
)

// FuzzReceive feeds arbitrary lines to an established conversation and to
// one in the middle of an AKE: no input may panic, and a rejected line
// must not change the state.
func FuzzReceive(f *testing.F) {
	alice := &convEndpoint{c: newTestConversation(f, "alice", 0x1234, DefaultPolicy())}
	bob := &convEndpoint{c: newTestConversation(f, "bob", 0x5678, DefaultPolicy())}
	var transcript []string
	lines := alice.c.Query().Messages
	for side := 0; len(lines) > 0; side++ {
		transcript = append(transcript, lines...)
		to := bob
		if side%2 == 1 {
			to = alice
		}
		lines = to.receive(f, lines[0])
	}
	res, _ := alice.c.Send("hello")
	transcript = append(transcript, res.Messages...)
	alice.c.Config.FragmentSize = 100
	res, _ = alice.c.Send("a fragmented hello")
	transcript = append(transcript, res.Messages...)
	for _, l := range transcript {
		f.Add(l)
	}
	f.Add("?OTRv23?")
	f.Add("?OTR Error: boom")
	f.Add("plain \x20\x09\x20\x20\x09\x09\x09\x09\x20\x09\x20\x09\x20\x09\x20\x20\x20\x20\x09\x09\x20\x20\x09\x09")
	saved := bob.c.State
	f.Fuzz(func(t *testing.T, line string) {
		c := &Conversation{Config: bob.c.Config, State: cloneState(t, saved)}
		c.Config.Policy.ErrorStartAKE = false
		before := marshalState(t, c.State)
		if _, err := c.Receive(line); err != nil && marshalState(t, c.State) != before && !fragmentOnly(line) {
			t.Fatalf("rejected line changed the state")
		}
	})
}
