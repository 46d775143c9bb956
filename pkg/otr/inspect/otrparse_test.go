package inspect

import (
	"fmt"
	"strings"
	"testing"
)

// toolBlock is one message as otr_parse printed it.
type toolBlock struct {
	title  string
	fields map[string]string
}

// parseToolOutput splits otr_parse's output into blocks ("Title:" then
// "\tName: value" lines; revealed MAC keys are one level deeper).
func parseToolOutput(out string) []toolBlock {
	var blocks []toolBlock
	for _, chunk := range strings.Split(strings.TrimSpace(out), "\n\n") {
		lines := strings.Split(chunk, "\n")
		b := toolBlock{title: strings.TrimSuffix(lines[0], ":"), fields: map[string]string{}}
		for _, l := range lines[1:] {
			name, value, _ := strings.Cut(strings.TrimLeft(l, "\t"), ": ")
			if strings.HasPrefix(l, "\t\t") {
				name = "Revealed MAC keys " + name
			}
			if value != "" {
				b.fields[name] = value
			}
		}
		blocks = append(blocks, b)
	}
	return blocks
}

// toolTitles are otr_parse's block titles for our type names.
var toolTitles = map[string]string{
	TypeDHCommit: "D-H Commit Message", TypeDHKey: "D-H Key Message",
	TypeRevealSig: "Reveal Signature Message", TypeSig: "Signature Message", TypeData: "Data Message",
}

// libotrFields is our description under otr_parse's field names.
func libotrFields(e *Encoded) map[string]string {
	f := map[string]string{"Version": fmt.Sprintf("%02x", e.Version)}
	if e.SenderTag != nil {
		f["Sender instance"] = fmt.Sprint(*e.SenderTag)
		f["Receiver instance"] = fmt.Sprint(*e.ReceiverTag)
	}
	put := func(name string, h Hex) {
		if h != nil {
			f[name] = h.String()
		}
	}
	put("Encrypted Key", e.EncryptedGx)
	put("Hashed Key", e.HashedGx)
	put("D-H Key", e.Gy)
	put("Key", e.RevealedKey)
	put("Encrypted Signature", e.EncryptedSig)
	put("MAC", e.SigMAC)
	if d := e.Data; d != nil {
		f["Flags"] = fmt.Sprint(d.Flags)
		f["Sender keyid"] = fmt.Sprint(d.SenderKeyID)
		f["Rcpt keyid"] = fmt.Sprint(d.RecipientKeyID)
		put("DH y", d.NextDH)
		put("Counter", d.Counter)
		put("Encrypted message", d.Encrypted)
		put("MAC", d.MAC)
		for i, k := range d.OldMACKeys {
			put(fmt.Sprintf("Revealed MAC keys Key %d", i+1), k)
		}
	}
	return f
}

// encodedLines describes a transcript with a Parser, keeping the encoded
// messages (reassembled ones too) with the line that carries each.
func encodedLines(t *testing.T, lines []wireLine) (msgs []string, descs []*Encoded) {
	t.Helper()
	var p Parser
	for _, l := range lines {
		m := p.Parse(l.line)
		whole := l.line
		if m.Reassembled != nil {
			m = *m.Reassembled
			whole = m.Text
		}
		if m.Kind != KindEncoded {
			continue
		}
		if m.Problem != nil {
			t.Fatalf("our own transcript line does not parse: %v", m.Problem)
		}
		msgs, descs = append(msgs, whole), append(descs, m.Encoded)
	}
	return msgs, descs
}

// compareWithOtrParse runs otr_parse on the encoded messages and checks
// that it shows the same messages, and that every field it shows we show
// with the same value.
func compareWithOtrParse(t *testing.T, lines []wireLine, wantFragments bool) {
	msgs, descs := encodedLines(t, lines)
	if fragments := countKind(lines, KindFragment); wantFragments != (fragments > 0) {
		t.Fatalf("%d fragments in the transcript, want some: %v", fragments, wantFragments)
	}
	blocks := parseToolOutput(runTool(t, strings.Join(msgs, "\n")+"\n", "otr_parse"))
	if len(blocks) != len(descs) {
		t.Fatalf("otr_parse shows %d messages, we %d", len(blocks), len(descs))
	}
	types := map[string]bool{}
	for i, b := range blocks {
		e := descs[i]
		types[e.Type] = true
		if b.title != toolTitles[e.Type] {
			t.Errorf("message %d: otr_parse says %q, we %q", i, b.title, e.Type)
			continue
		}
		ours := libotrFields(e)
		for name, v := range b.fields {
			if ours[name] != v {
				t.Errorf("message %d (%s) field %q: otr_parse %s, we %s", i, e.Type, name, v, ours[name])
			}
		}
		if len(b.fields) < 2 {
			t.Errorf("message %d: otr_parse shows only %v", i, b.fields)
		}
	}
	for _, typ := range []string{TypeDHCommit, TypeDHKey, TypeRevealSig, TypeSig, TypeData} {
		if !types[typ] {
			t.Errorf("no %s message in the transcript", typ)
		}
	}
}

func TestAgreesWithOtrParse(t *testing.T) {
	libotrTool(t, "otr_parse")
	tests := []struct {
		name  string
		lines func(t *testing.T) []wireLine
	}{
		{"ours v3", func(t *testing.T) []wireLine { return ourTranscript(t, false, 0) }},
		{"ours v3 fragmented", func(t *testing.T) []wireLine { return ourTranscript(t, false, 150) }},
		{"ours v2", func(t *testing.T) []wireLine { return ourTranscript(t, true, 0) }},
		{"libotr v3", func(t *testing.T) []wireLine { return libotrTranscript(t, "", 0) }},
		{"libotr v3 fragmented", func(t *testing.T) []wireLine { return libotrTranscript(t, "", 200) }},
		{"libotr v2", func(t *testing.T) []wireLine { return libotrTranscript(t, "v2", 0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compareWithOtrParse(t, tt.lines(t), strings.Contains(tt.name, "fragmented"))
		})
	}
}

func countKind(lines []wireLine, kind string) int {
	n := 0
	for _, l := range lines {
		if Inspect(l.line).Kind == kind {
			n++
		}
	}
	return n
}
