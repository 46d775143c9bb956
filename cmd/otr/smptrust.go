package main

import (
	"fmt"

	"github.com/otrtool/otr/pkg/otr"
)

// smpTrustUnchanged: an SMP outcome after we answered the peer's question
// leaves our trust in the peer as it was, as libotr and pidgin-otr do.
// The run proved to the peer that we know the answer; it proves nothing
// about the peer to us, since the peer chose the question (someone in
// the middle can relay it and know or guess the answer). To verify the
// peer, ask a question of our own. Without a question both sides chose
// the secret, and both mark the peer.
func smpTrustUnchanged(e otr.Event) bool {
	return (e.Kind == otr.EventSMPSucceeded || e.Kind == otr.EventSMPFailed) && e.HasQuestion
}

// smpAnsweredLine is the text of an SMP outcome after we answered the
// peer's question.
func smpAnsweredLine(e shown) string {
	p := escapeText(e.Peer)
	if e.Kind == otr.EventSMPFailed {
		return fmt.Sprintf("* SMP with %s FAILED: your answer to \"%s\" did not match theirs; their fingerprint's trust is unchanged", p, escapeText(e.Question))
	}
	return fmt.Sprintf("* SMP with %s succeeded: %s now knows it is you (you answered \"%s\"); this does not verify %s to you: ask your own question with otr smp start --peer %s",
		p, p, escapeText(e.Question), p, quoteArg(e.Peer))
}
