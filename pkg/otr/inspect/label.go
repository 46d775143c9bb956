package inspect

import (
	"fmt"
	"strings"
)

// akeSteps number the AKE messages as people draw them.
var akeSteps = map[string]string{
	TypeDHCommit:  "AKE 1/4 D-H Commit",
	TypeDHKey:     "AKE 2/4 D-H Key",
	TypeRevealSig: "AKE 3/4 Reveal Signature",
	TypeSig:       "AKE 4/4 Signature",
}

// smpSteps number the SMP messages.
var smpSteps = map[string]string{
	"SMP1": "SMP 1/4", "SMP1Q": "SMP 1/4", "SMP2": "SMP 2/4", "SMP3": "SMP 3/4", "SMP4": "SMP 4/4",
	"SMP abort": "SMP abort", "disconnected": "disconnect",
}

// Label is a short name for what a line is in the protocol: its AKE or
// SMP step, query, error, fragment, or data message (with its text and
// TLVs when decrypted).
func Label(m Message) string {
	if m.Problem != nil {
		return "MALFORMED " + m.Problem.String()
	}
	switch m.Kind {
	case KindQuery:
		return "Query " + versionList(m.Versions)
	case KindTaggedPlaintext:
		return fmt.Sprintf("plaintext %q + tag %s", m.Text, versionList(m.Versions))
	case KindPlaintext:
		return fmt.Sprintf("plaintext %q", m.Text)
	case KindError:
		return fmt.Sprintf("OTR Error %q", m.Text)
	case KindUnknown:
		return "unrecognized OTR message"
	case KindFragment:
		return fragmentLabel(m)
	}
	e := m.Encoded
	if step, ok := akeSteps[e.Type]; ok {
		return step
	}
	return dataLabel(e.Data)
}

func fragmentLabel(m Message) string {
	s := fmt.Sprintf("fragment %d/%d", m.Fragment.K, m.Fragment.N)
	if m.Reassembled != nil {
		return s + " => " + Label(*m.Reassembled)
	}
	if !strings.HasPrefix(m.Fragment.Status, "stored") && m.Fragment.Status != "complete" {
		s += " (" + m.Fragment.Status + ")"
	}
	return s
}

func dataLabel(d *Data) string {
	s := fmt.Sprintf("Data %d/%d", d.SenderKeyID, d.RecipientKeyID)
	if d.Decrypted == nil && d.Undecrypted != "" {
		return s + " (not decrypted: " + d.Undecrypted + ")"
	}
	if d.Decrypted == nil {
		return s + " (encrypted)"
	}
	var parts []string
	if d.Decrypted.Text != "" {
		parts = append(parts, fmt.Sprintf("%q", d.Decrypted.Text))
	}
	for _, t := range d.Decrypted.TLVs {
		if step, ok := smpSteps[t.Name]; ok {
			parts = append(parts, step)
		} else if t.Use != nil {
			parts = append(parts, fmt.Sprintf("extra key use %d", *t.Use))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "heartbeat")
	}
	if !d.Decrypted.MACValid {
		parts = append(parts, "BAD MAC")
	}
	return s + " " + strings.Join(parts, ", ")
}
