package otr_test

import (
	"fmt"

	"github.com/otrtool/otr/internal/testkeys"
	"github.com/otrtool/otr/pkg/otr"
)

// relay delivers lines to a conversation and returns its replies and the
// text of the messages it shows.
func relay(to *otr.Conversation, lines []string) (replies, shown []string) {
	for _, l := range lines {
		res, err := to.Receive(l)
		if err != nil {
			panic(err)
		}
		replies = append(replies, res.Messages...)
		for _, e := range res.Events {
			if e.Kind == otr.EventMessage {
				shown = append(shown, e.Text)
			}
		}
	}
	return replies, shown
}

// Two conversations talking in memory: the query, the four AKE messages,
// then an encrypted message. A real program sends Result.Messages over its
// network and saves State after each call.
func Example() {
	key := func(name string) *otr.PrivateKey {
		p, q, g, x, _ := testkeys.Params(name)
		k, _ := otr.NewPrivateKey(p, q, g, x)
		return k
	}
	alice := otr.NewConversation(otr.Config{PrivateKey: key("alice"), InstanceTag: 0x1000, Policy: otr.DefaultPolicy()})
	bob := otr.NewConversation(otr.Config{PrivateKey: key("bob"), InstanceTag: 0x2000, Policy: otr.DefaultPolicy()})

	lines := alice.Query().Messages
	for turn := 0; len(lines) > 0; turn++ {
		if turn%2 == 0 {
			lines, _ = relay(bob, lines)
		} else {
			lines, _ = relay(alice, lines)
		}
	}
	fmt.Println(alice.State.MsgState, bob.State.MsgState, alice.State.Version)

	res, _ := alice.Send("hello, privately")
	_, shown := relay(bob, res.Messages)
	fmt.Println(shown[0])
	// Output:
	// encrypted encrypted 3
	// hello, privately
}
