package main

import (
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/irc"
)

// TestIRCFragmentPreset: every fragment --fragment-size irc makes fits in
// one IRC line with 30-byte nicks on both ends and the longest user@host,
// and pidgin-otr's 417 would not.
func TestIRCFragmentPreset(t *testing.T) {
	n, err := parseFragmentSize("irc")
	if err != nil {
		t.Fatal(err)
	}
	nick := strings.Repeat("n", 30)
	if limit := irc.MaxText(nick, strings.Repeat("p", 30), ""); n > limit || 417 <= limit {
		t.Errorf("irc preset %d, longest text with 30-byte nicks %d (pidgin's 417 must not fit)", n, limit)
	}
	if n != 362 {
		t.Errorf("irc preset %d, want 362 (docs/cli.md says so)", n)
	}
}
