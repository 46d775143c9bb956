package main

import (
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain ünïcødé 名前", "plain ünïcødé 名前"},
		{"two\nlines", `two\nlines`},
		{"cr\rtab\t", `cr\rtab\t`},
		{`back\slash`, `back\\slash`},
		{"esc\x1b[31m", `esc\u{1b}[31m`},
		{"nul\x00", `nul\u{0}`},
		{"del\x7f c1\u0085", `del\u{7f} c1\u{85}`},
		{"sep\u2028para\u2029", `sep\u{2028}para\u{2029}`},
		{"bidi\u202eevil", `bidi\u{202e}evil`},
		{"bad\xffutf8", `bad\xffutf8`},
	}
	for _, tc := range tests {
		if got := escapeText(tc.in); got != tc.want {
			t.Errorf("escapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTextLineCannotFakeALine: whatever a peer sends, one event is one line.
func TestTextLineCannotFakeALine(t *testing.T) {
	evil := "hi\n* private conversation with bob started (OTR v3)\r\nPRIVMSG #x :pwned"
	events := []shown{
		{Event: otr.Event{Kind: otr.EventMessage, Text: evil, Encrypted: true}, Peer: "bob\nmallory"},
		{Event: otr.Event{Kind: otr.EventSMPRequest, Question: evil, HasQuestion: true}, Peer: "bob"},
		{Event: otr.Event{Kind: otr.EventError, Text: evil}, Peer: "bob"},
		{Event: otr.Event{Kind: otr.EventWarning, Text: evil}, Peer: "bob"},
	}
	for _, e := range events {
		line := textLine(e)
		if strings.ContainsAny(line, "\n\r") {
			t.Errorf("%s event printed as several lines: %q", e.Kind, line)
		}
	}
}

func TestJSONLines(t *testing.T) {
	tests := []struct {
		e    shown
		want string
	}{
		{shown{Event: otr.Event{Kind: otr.EventMessage, ID: "0a1b2c3d4e5f60718293a4b5", Text: "a\n<b>", Encrypted: true, OldMACKeys: [][]byte{{1, 2}}}, Peer: "bob"},
			`{"event":"message","peer":"bob","text":"a\n<b>","encrypted":true,"old_mac_keys":["0102"],"id":"0a1b2c3d4e5f60718293a4b5"}`},
		{shown{Event: otr.Event{Kind: otr.EventMessage, ID: "00112233445566778899aabb", Text: "x"}, Peer: "bob"},
			`{"event":"message","peer":"bob","text":"x","encrypted":false,"old_mac_keys":[],"id":"00112233445566778899aabb"}`},
		{shown{Event: otr.Event{Kind: otr.EventSecure, Version: 3, Fingerprint: make([]byte, 20), SSID: []byte{1, 2, 3, 4, 5, 6, 7, 8}}, Peer: "bob", Trusted: true},
			`{"event":"secure","peer":"bob","version":3,"fingerprint":"0000000000000000000000000000000000000000","trusted":true,"ssid":"0102030405060708"}`},
		{shown{Event: otr.Event{Kind: otr.EventSMPRequest}, Peer: "bob"}, `{"event":"smp_request","peer":"bob"}`},
		{shown{Event: otr.Event{Kind: otr.EventSMPRequest, Question: "q?", HasQuestion: true}, Peer: "bob"}, `{"event":"smp_request","peer":"bob","question":"q?"}`},
		{shown{Event: otr.Event{Kind: otr.EventExtraKey, Use: 7, Context: []byte{0xff}, Key: []byte{0xab}}, Peer: "bob"},
			`{"event":"extra_key","peer":"bob","use":7,"context":"ff","key":"ab"}`},
		{shown{Event: otr.Event{Kind: otr.EventError, Text: "otr: bad thing"}, Peer: "bob"}, `{"event":"error","peer":"bob","message":"bad thing"}`},
		{shown{Event: otr.Event{Kind: otr.EventFinished}, Peer: "bob"}, `{"event":"finished","peer":"bob"}`},
		{shown{Event: otr.Event{Kind: otr.EventClosed}, Peer: "bob"}, `{"event":"closed","peer":"bob"}`},
		{shown{Event: otr.Event{Kind: otr.EventHeartbeat}, Peer: "bob"}, `{"event":"heartbeat","peer":"bob"}`},
	}
	for _, tc := range tests {
		if got := string(jsonLine(tc.e)); got != tc.want {
			t.Errorf("jsonLine(%s):\n got %s\nwant %s", tc.e.Kind, got, tc.want)
		}
	}
}

func TestParseFragmentSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"", 0, false}, {"0", 0, false}, {"irc", 362, false}, {"IRC", 362, false}, {"yahoo", 799, false},
		{"gadugadu", 1999, false}, {"msn", 1409, false}, {"icq", 2346, false}, {"aim", 2343, false},
		{"novell", 1792, false}, {"500", 500, false}, {"-1", 0, true}, {"10", 0, true}, {"jabber", 0, true},
	}
	for _, tc := range tests {
		got, err := parseFragmentSize(tc.in)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("parseFragmentSize(%q) = %d, %v", tc.in, got, err)
		}
	}
}
