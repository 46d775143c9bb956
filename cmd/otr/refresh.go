package main

import (
	"fmt"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
)

// eventRefreshing: query was run while a private conversation is up; the
// peer's answer starts an AKE that refreshes it (JSON "refreshing").
const eventRefreshing otr.EventKind = "refreshing"

// refreshingEvent is added to query's result on a private conversation.
func refreshingEvent(st *otr.State) []otr.Event {
	if st.MsgState != otr.MsgEncrypted {
		return nil
	}
	return []otr.Event{{Kind: eventRefreshing}}
}

// specialLine renders the events whose text this file and smptrust.go
// own: the refresh, and SMP outcomes after answering a question.
func specialLine(e shown) (string, bool) {
	switch {
	case smpTrustUnchanged(e.Event):
		return smpAnsweredLine(e), true
	case e.Kind == eventRefreshing:
		return fmt.Sprintf("* refreshing the private conversation with %s: it stays private; new keys once %s answers", escapeText(e.Peer), escapeText(e.Peer)), true
	case e.Kind == otr.EventSecure && e.Refreshed:
		return strings.Replace(secureLine(e), " started ", " refreshed ", 1), true
	}
	return "", false
}
