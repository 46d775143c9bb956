package inspect

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestInspectTextForms(t *testing.T) {
	tag := " \t  \t\t\t\t \t \t \t  " + "  \t\t  \t " + "  \t\t  \t\t"
	tests := []struct {
		line, kind, text string
		versions         []int
	}{
		{"hello", KindPlaintext, "hello", nil},
		{"hello" + tag + " there", KindTaggedPlaintext, "hello there", []int{2, 3}},
		{"?OTRv23?", KindQuery, "?OTRv23?", []int{2, 3}},
		{"?OTR?v2?", KindQuery, "?OTR?v2?", []int{1, 2}},
		{"?OTRv?", KindQuery, "?OTRv?", nil},
		{"?OTR Error: it broke", KindError, "it broke", nil},
		{"?OTR:AAEKabc.", KindUnknown, "?OTR:AAEKabc.", nil},
	}
	for _, tt := range tests {
		m := Inspect(tt.line)
		if m.Kind != tt.kind || m.Text != tt.text || !reflect.DeepEqual(m.Versions, tt.versions) || m.Problem != nil {
			t.Errorf("Inspect(%q) = %+v, want %s %q %v", tt.line, m, tt.kind, tt.text, tt.versions)
		}
	}
}

// A malformed message names the broken field and where it starts.
func TestInspectMalformed(t *testing.T) {
	enc := func(b []byte) string { return "?OTR:" + base64.StdEncoding.EncodeToString(b) + "." }
	header := []byte{0, 3, 3, 0x10, 0, 0xa1, 0x1c, 0x20, 0, 0x0b, 0x0b}
	tests := []struct {
		name, line, field, in string
		offset                int
	}{
		{"bad base64", "?OTR:AAMD!!!!.", "base64", InLine, 5},
		{"no end", "?OTR:AAMDAAAA", "encoded message", InLine, 0},
		{"truncated keyid", enc(append(header, 1, 0, 0)), "sender keyid", InMessage, 12},
		{"huge MPI", enc(append(header, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff)), "next DH public key", InMessage, 20},
		{"bad fragment", "?OTR|1|2,00003,00002,piece,", "fragment number k", InLine, 0},
	}
	for _, tt := range tests {
		m := Inspect(tt.line)
		p := m.Problem
		if p == nil || p.Field != tt.field || p.In != tt.in || (tt.offset != 0 && p.Offset != tt.offset) {
			t.Errorf("%s: problem %+v, want %s at %s %d", tt.name, p, tt.field, tt.in, tt.offset)
		}
		if !strings.Contains(Format(m), "MALFORMED") {
			t.Errorf("%s: text does not say MALFORMED:\n%s", tt.name, Format(m))
		}
	}
	m := Inspect(enc(append(header, 1, 0, 0)))
	if m.Encoded == nil || m.Encoded.Type != TypeData || *m.Encoded.SenderTag != 0x1000a11c {
		t.Errorf("the readable header is not shown: %+v", m.Encoded)
	}
}

// Fragments are shown one by one and, with a Parser, reassembled.
func TestParserReassembles(t *testing.T) {
	lines := ourTranscript(t, false, 150)
	var p Parser
	reassembled := 0
	for _, l := range lines {
		m := p.Parse(l.line)
		if m.Kind != KindFragment {
			continue
		}
		f := m.Fragment
		if f == nil || f.SenderTag == nil || (*f.SenderTag != 0x1000a11c && *f.SenderTag != 0x20000b0b) {
			t.Fatalf("fragment shown as %+v", m)
		}
		if f.K < f.N && (f.Status != "stored" || m.Reassembled != nil) {
			t.Errorf("fragment %d/%d: %s", f.K, f.N, f.Status)
		}
		if f.K == f.N {
			if m.Reassembled == nil || m.Reassembled.Encoded == nil || f.Status != "complete" {
				t.Fatalf("last fragment not reassembled: %+v", m)
			}
			reassembled++
		}
	}
	if reassembled < 2 {
		t.Errorf("%d messages reassembled, want the fragmented AKE and data messages", reassembled)
	}
	// Out of order: piece 2 first is dropped.
	var q Parser
	for _, l := range lines {
		if m := Inspect(l.line); m.Kind == KindFragment && m.Fragment.K == 2 {
			if got := q.Parse(l.line).Fragment.Status; !strings.HasPrefix(got, "dropped") {
				t.Errorf("out-of-sequence fragment: %s", got)
			}
			break
		}
	}
}

func TestJSONFieldNames(t *testing.T) {
	s, _, _ := run(t, 0)
	p := Parser{Keys: s.history}
	var data map[string]any
	for _, l := range s.lines {
		m := p.Parse(l.line)
		if m.Encoded != nil && m.Encoded.Data != nil {
			b, _ := json.Marshal(m)
			if err := json.Unmarshal(b, &data); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	enc, _ := data["encoded"].(map[string]any)
	d, _ := enc["data"].(map[string]any)
	dec, _ := d["decrypted"].(map[string]any)
	if enc["type"] != "Data" || enc["sender_instance"] == nil || d["sender_keyid"] == nil || dec["text"] != "hello bob" {
		t.Errorf("JSON: %v", data)
	}
}
