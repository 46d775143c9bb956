package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// send --pad N: libotr shows each text without the padding, and every
// message's encrypted part is a multiple of N bytes, the same for texts of
// different lengths under one multiple.
func TestLibotrSendPad(t *testing.T) {
	s := newWithLibotr(t, libotrpeer.Options{})
	s.handshake(true, 3)
	encLen := map[string]int{}
	for _, text := range []string{"a", "hello, a little longer", strings.Repeat("x", 200), "ünïcødé ✓"} {
		r, tr := s.ours(text+"\n", "send", "--peer", s.us.peer, "--pad", "128")
		msg, ok := tr.lib.Find("message")
		if !ok || msg.Text != text || !msg.Encrypted {
			t.Fatalf("libotr got %+v, want the encrypted %q without padding", msg, text)
		}
		n := encryptedLength(t, s.us, r.stdout)
		if n%128 != 0 {
			t.Errorf("%q: encrypted part of %d bytes, not a multiple of 128", text, n)
		}
		encLen[text] = n
	}
	if encLen["a"] != encLen["hello, a little longer"] || encLen["a"] != encLen["ünïcødé ✓"] || encLen[strings.Repeat("x", 200)] != 256 {
		t.Errorf("encrypted lengths %v: short texts should look alike, 200 bytes should take 256", encLen)
	}
	// Without --pad, lengths follow the text.
	r, _ := s.ours("a\n", "send", "--peer", s.us.peer)
	if n := encryptedLength(t, s.us, r.stdout); n != 1 {
		t.Errorf("unpadded \"a\" encrypts to %d bytes", n)
	}
}

// encryptedLength is the length of a data message's encrypted part, as
// otr parse reports it.
func encryptedLength(t *testing.T, p *party, line string) int {
	t.Helper()
	out := p.must(line, "parse").stdout
	var m struct {
		Encoded struct {
			Data struct {
				EncryptedLength int `json:"encrypted_length"`
			} `json:"data"`
		} `json:"encoded"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &m); err != nil {
		t.Fatalf("parse --json: %v\n%s", err, out)
	}
	return m.Encoded.Data.EncryptedLength
}
