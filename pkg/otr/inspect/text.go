package inspect

import (
	"fmt"
	"strings"
)

// Format renders a description as indented text, one field per line,
// with the field names libotr's otr_parse uses where it shows the field.
func Format(m Message) string {
	var w textWriter
	w.message(m)
	return w.String()
}

type textWriter struct {
	strings.Builder
	depth int
}

func (w *textWriter) line(format string, args ...any) {
	w.WriteString(strings.Repeat("\t", w.depth))
	fmt.Fprintf(w, format, args...)
	w.WriteByte('\n')
}

// field writes "name: value" one level in.
func (w *textWriter) field(name string, value any) {
	w.depth++
	w.line("%s: %v", name, value)
	w.depth--
}

func (w *textWriter) message(m Message) {
	switch m.Kind {
	case KindPlaintext:
		w.line("Plaintext: %q", m.Text)
	case KindTaggedPlaintext:
		w.line("Tagged plaintext (offers %s): %q", versionList(m.Versions), m.Text)
	case KindQuery:
		w.line("OTR Query (offers %s): %q", versionList(m.Versions), m.Text)
	case KindError:
		w.line("OTR Error: %q", m.Text)
	case KindUnknown:
		w.line("Unrecognized OTR message (OTR v1 or unknown form): %q", m.Text)
	case KindFragment:
		w.fragment(m)
	case KindEncoded:
		w.encoded(m.Encoded, m.Text)
	}
	if m.Problem != nil {
		w.field("MALFORMED", m.Problem.String())
	}
}

func versionList(vs []int) string {
	if len(vs) == 0 {
		return "no version"
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprintf("v%d", v)
	}
	return strings.Join(parts, ", ")
}

func (w *textWriter) fragment(m Message) {
	f := m.Fragment
	if f == nil {
		w.line("Fragment: %q", m.Text)
		return
	}
	w.line("Fragment %d of %d (v%d): %s", f.K, f.N, f.Version, f.Status)
	if f.SenderTag != nil {
		w.field("Sender instance", tagText(*f.SenderTag))
		w.field("Receiver instance", tagText(*f.ReceiverTag))
	}
	w.field("Piece", fmt.Sprintf("%q", f.Piece))
	if m.Reassembled != nil {
		w.depth++
		w.line("Reassembled:")
		w.depth++
		w.message(*m.Reassembled)
		w.depth -= 2
	}
}

func tagText(t uint32) string { return fmt.Sprintf("0x%08x", t) }

func (w *textWriter) encoded(e *Encoded, line string) {
	if e == nil {
		w.line("Encoded message (undecodable): %q", line)
		return
	}
	w.line("%s Message:", e.Type)
	w.field("Version", e.Version)
	if e.SenderTag != nil {
		w.field("Sender instance", tagText(*e.SenderTag))
		w.field("Receiver instance", tagText(*e.ReceiverTag))
	}
	w.hexField("Encrypted g^x", e.EncryptedGx)
	w.hexField("Hashed g^x", e.HashedGx)
	w.hexField("D-H Key", e.Gy)
	w.hexField("Revealed key r", e.RevealedKey)
	w.hexField("Encrypted Signature", e.EncryptedSig)
	w.hexField("MAC", e.SigMAC)
	if e.Data != nil {
		w.data(e.Data)
	}
	if e.NonMinimalMPI {
		w.field("Note", "an MPI has leading zero bytes (accepted, but not the spec's minimal encoding)")
	}
}

func (w *textWriter) hexField(name string, h Hex) {
	if h != nil {
		w.field(name, h)
	}
}

func (w *textWriter) data(d *Data) {
	flags := fmt.Sprint(d.Flags)
	if d.IgnoreUnreadable {
		flags += " (IGNORE_UNREADABLE)"
	}
	w.field("Flags", flags)
	w.field("Sender keyid", d.SenderKeyID)
	w.field("Rcpt keyid", d.RecipientKeyID)
	w.field("DH y", d.NextDH)
	w.field("Counter", d.Counter)
	w.field("Encrypted length", d.EncryptedLength)
	w.field("Encrypted message", d.Encrypted)
	w.field("MAC", d.MAC)
	if len(d.OldMACKeys) > 0 {
		w.depth++
		w.line("Revealed MAC keys:")
		for i, k := range d.OldMACKeys {
			w.field(fmt.Sprintf("Key %d", i+1), k)
		}
		w.depth--
	}
	if d.OldMACKeysRest != nil {
		w.field("Revealed MAC keys: trailing bytes (not a whole key)", d.OldMACKeysRest)
	}
	if d.Decrypted != nil {
		w.decrypted(d.Decrypted)
	}
	if d.Undecrypted != "" {
		w.field("Not decrypted", d.Undecrypted)
	}
}

func (w *textWriter) decrypted(d *Decrypted) {
	w.depth++
	mac := "MAC verified"
	if !d.MACValid {
		mac = "MAC does NOT verify"
	}
	w.line("Decrypted with %s (%s):", d.Key, mac)
	w.field("Text", fmt.Sprintf("%q", d.Text))
	for _, t := range d.TLVs {
		w.tlv(t)
	}
	if d.TLVError != "" {
		w.field("TLVs broken", d.TLVError)
	}
	w.depth--
}

func (w *textWriter) tlv(t TLV) {
	w.depth++
	w.line("TLV %d %s, %d bytes", t.Type, t.Name, t.Length)
	if t.Question != "" {
		w.field("Question", fmt.Sprintf("%q", t.Question))
	}
	if t.Use != nil {
		w.field("Use", *t.Use)
		w.field("Context", t.Context)
	}
	for _, n := range t.MPIs {
		w.field(n.Name, n.Value)
	}
	if t.MPIs == nil && t.Use == nil && t.Value != nil {
		w.field("Value", t.Value)
	}
	if t.Problem != "" {
		w.field("Problem", t.Problem)
	}
	w.depth--
}
