package main

import (
	"encoding/hex"
	"fmt"

	"github.com/otrtool/otr/pkg/otr"
)

// textLine renders an event as one line. Messages read "PEER: text";
// everything else starts with "* " or "otr: ", and all text from the peer
// is escaped.
func textLine(e shown) string {
	if line, ok := specialLine(e); ok {
		return line
	}
	p := escapeText(e.Peer)
	switch e.Kind {
	case otr.EventMessage:
		if !e.Encrypted {
			return fmt.Sprintf("%s (unencrypted): %s", p, escapeText(e.Text))
		}
		return fmt.Sprintf("%s: %s", p, escapeText(e.Text))
	case otr.EventSecure:
		return secureLine(e)
	case otr.EventFinished:
		return fmt.Sprintf("* %s ended the private conversation; nothing more will be sent until you run otr close (or otr query) for them", p)
	case otr.EventClosed:
		return fmt.Sprintf("* private conversation with %s closed", p)
	case otr.EventSMPRequest:
		if e.HasQuestion {
			return fmt.Sprintf("* %s wants to verify you (SMP) and asks: %s -- answer with: otr smp answer --peer %s", p, escapeText(e.Question), quoteArg(e.Peer))
		}
		return fmt.Sprintf("* %s wants to verify you (SMP) with a shared secret -- answer with: otr smp answer --peer %s", p, quoteArg(e.Peer))
	case otr.EventSMPSucceeded:
		return fmt.Sprintf("* SMP with %s succeeded: the secrets match; their fingerprint is now verified", p)
	case otr.EventSMPFailed:
		return fmt.Sprintf("* SMP with %s FAILED: the secrets differ (or someone is in the middle)", p)
	case otr.EventSMPAborted:
		return fmt.Sprintf("* SMP with %s aborted", p)
	case otr.EventExtraKey:
		return fmt.Sprintf("* extra key with %s: use %d, context %s, key %s", p, e.Use, hex.EncodeToString(e.Context), hex.EncodeToString(e.Key))
	case otr.EventHeartbeat:
		return fmt.Sprintf("* heartbeat from %s", p)
	case otr.EventError:
		return fmt.Sprintf("otr: error: %s: %s", p, escapeText(errText(fmt.Errorf("%s", e.Text))))
	case otr.EventWarning:
		return fmt.Sprintf("otr: warning: %s: %s", p, escapeText(e.Text))
	}
	return fmt.Sprintf("otr: %s: %s: %s", e.Kind, p, escapeText(e.Text))
}

func secureLine(e shown) string {
	return fmt.Sprintf("* private conversation with %s started (OTR v%d); fingerprint %s, %s; ssid %s",
		escapeText(e.Peer), e.Version, otr.FormatFingerprint(e.Fingerprint), trustWords(e.Trust), hex.EncodeToString(e.SSID))
}

func trustWords(trust string) string {
	switch trust {
	case "smp":
		return "verified by SMP"
	case "manual":
		return "verified by hand"
	}
	return "NOT verified"
}
