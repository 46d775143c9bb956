package main

import "github.com/otrtool/otr/pkg/otr"

// receivedPlainWarning is the library's warning after a plaintext message.
const receivedPlainWarning = "the last message was received unencrypted"

// quieter drops, in text mode, what a line just above already says: a
// plaintext message is shown as "PEER (unencrypted): …", so the warning
// that follows it repeats it.
func quieter(events []shown) []shown {
	out := events[:0:0]
	for i, e := range events {
		if e.Kind == otr.EventWarning && e.Text == receivedPlainWarning && i > 0 &&
			events[i-1].Kind == otr.EventMessage && !events[i-1].Encrypted {
			continue
		}
		out = append(out, e)
	}
	return out
}
