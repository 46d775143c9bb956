package main

import (
	"fmt"
	"io"

	"github.com/otrtool/otr/pkg/otr"
)

// SMP states that status reports.
const (
	smpRequested  = "request"     // the peer's request waits for our answer
	smpInProgress = "in_progress" // a run is under way, waiting for the peer
)

// smpStatus is status's view of an SMP run (JSON "smp").
type smpStatus struct {
	State string `json:"state"`
	// Question is the peer's question of a pending request, when it has one.
	Question *string `json:"question,omitempty"`
}

// smpStatusOf describes the session's SMP run; nil when there is none.
func smpStatusOf(st *otr.State) *smpStatus {
	s := &st.SMP
	switch {
	case st.MsgState != otr.MsgEncrypted:
		return nil
	case s.AwaitingAnswer():
		out := &smpStatus{State: smpRequested}
		if s.HasQuestion {
			q := s.Question
			out.Question = &q
		}
		return out
	case s.InProgress():
		return &smpStatus{State: smpInProgress}
	}
	return nil
}

// printSMPStatus is status's text line about SMP.
func printSMPStatus(w io.Writer, peer string, s *smpStatus) {
	switch {
	case s == nil:
	case s.State == smpInProgress:
		fmt.Fprintln(w, "smp: in progress, waiting for the peer")
	case s.Question != nil:
		fmt.Fprintf(w, "smp: %s asks to verify you with the question \"%s\" (answer with: otr smp answer --peer %s)\n",
			escapeText(peer), escapeText(*s.Question), quoteArg(peer))
	default:
		fmt.Fprintf(w, "smp: %s asks you to verify with a shared secret (answer with: otr smp answer --peer %s)\n",
			escapeText(peer), quoteArg(peer))
	}
}

// smpNote is the SMP part of a peer's line in the identity's status.
func smpNote(s *smpStatus) string {
	switch {
	case s == nil:
		return ""
	case s.State == smpInProgress:
		return ", SMP in progress"
	}
	return ", SMP request waiting for your answer"
}
