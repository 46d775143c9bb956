package main

import (
	"strings"
	"testing"
)

func TestSessions(t *testing.T) {
	long := strings.Repeat("long text ünïcødé 名前 ", 120) // ~3 kB: several IRC fragments
	tests := []struct {
		name        string
		v2only      bool
		bobStarts   bool
		fragment    string
		wantVersion float64
	}{
		{"v3 alice starts", false, false, "", 3},
		{"v3 bob starts", false, true, "", 3},
		{"v2 alice starts", true, false, "", 2},
		{"v2 bob starts", true, true, "", 2},
		{"v3 fragmented for irc", false, false, "irc", 3},
		{"v2 fragmented at 300", true, true, "300", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			alice, bob := pair(t)
			if tc.v2only {
				alice.must("", "policy", "allow-v3=false")
			}
			starter, other := alice, bob
			if tc.bobStarts {
				starter, other = bob, alice
			}
			s1, s2 := handshake(t, starter, other)
			for _, s := range []map[string]any{s1, s2} {
				if s["version"] != tc.wantVersion || s["trusted"] != false || len(s["fingerprint"].(string)) != 40 || len(s["ssid"].(string)) != 16 {
					t.Errorf("secure event %v: want version %v, untrusted, 40-digit fingerprint, 16-digit ssid", s, tc.wantVersion)
				}
			}
			if s1["ssid"] != s2["ssid"] {
				t.Errorf("ssids differ: %v vs %v", s1["ssid"], s2["ssid"])
			}
			for _, text := range []string{"hello", "ünïcødé ✓ 名前 🙂", long, "tab\there"} {
				assertDelivered(t, alice, bob, text, tc.fragment)
				assertDelivered(t, bob, alice, text+" back", tc.fragment)
			}
		})
	}
}

// assertDelivered sends text from one party and checks the other shows
// exactly it, encrypted, with no OTR text leaking into the message.
func assertDelivered(t *testing.T, from, to *party, text, fragment string) {
	t.Helper()
	args := []string{"send", "--peer", from.peer}
	if fragment != "" {
		args = append(args, "--fragment-size", fragment)
	}
	wire := from.must(text+"\n", args...).stdout
	if strings.Contains(wire, "hello") || strings.Contains(wire, "long text") {
		t.Fatalf("the plaintext leaked onto the wire: %.80q", wire)
	}
	if fragment != "" {
		n := map[string]int{"irc": 417, "300": 300}[fragment]
		for _, line := range strings.Split(strings.TrimSuffix(wire, "\n"), "\n") {
			if len(line) > n {
				t.Fatalf("a %d-character line with --fragment-size %s", len(line), fragment)
			}
		}
	}
	r := to.recv(wire)
	m := r.event("message")
	if m == nil || m["text"] != text || m["encrypted"] != true {
		t.Fatalf("%s got %v, want the encrypted message %.40q", to.peer, r.events, text)
	}
	if r.stdout != "" {
		// Replies (e.g. a heartbeat) go back to the sender.
		from.recv(r.stdout)
	}
}
