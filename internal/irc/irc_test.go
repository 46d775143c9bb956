package irc

import (
	"fmt"
	"testing"
)

func TestParseIRC(t *testing.T) {
	tests := []struct {
		line string
		want Message
	}{
		{"PING :x y", Message{"", "PING", []string{"x y"}}},
		{"@time=1;a=b :n!u@h privmsg me :hi :there", Message{"n!u@h", "PRIVMSG", []string{"me", "hi :there"}}},
		{":srv 001 me  Welcome", Message{"srv", "001", []string{"me", "Welcome"}}},
		{":srv 001 me :", Message{"srv", "001", []string{"me", ""}}},
		{"", Message{}},
		{":only-prefix", Message{Prefix: "only-prefix"}},
	}
	for _, tt := range tests {
		got := Parse(tt.line)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
	if !SameNick("Bob[1]\\", "bob{1}|") || SameNick("bob", "bob_") {
		t.Error("SameNick does not fold as RFC 1459")
	}
}

func TestStripIRCFormatting(t *testing.T) {
	tests := map[string]string{
		"plain":                              "plain",
		"\x02b\x02\x1di\x1f\x1e\x11\x16\x0f": "bi",
		"\x034red \x0304,12x \x031,2345":     "red x 45",
		"\x03,5comma":                        ",5comma",
		"\x03":                               "",
		"\x04ff00ffhex\x04FF00FF,000000y":    "hexy",
		"tab\there":                          "tab\there",
	}
	for in, want := range tests {
		if got := StripFormatting(in); got != want {
			t.Errorf("StripFormatting(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMaxText: the delivered line ":nick!user@host PRIVMSG peer :text\r\n"
// of the longest text is exactly 512 bytes, with the known user@host or,
// before it is known, the longest one.
func TestMaxText(t *testing.T) {
	for _, uh := range []string{"~otr@example.net", ""} {
		n := MaxText("alice", "bob", uh)
		shown := uh
		if shown == "" {
			shown = fmt.Sprintf("%*s", WorstUserhost, "x@y")
		}
		line := ":alice!" + shown + " PRIVMSG bob :" + fmt.Sprintf("%*s", n, "") + "\r\n"
		if len(line) != MaxLine {
			t.Errorf("userhost %q: longest text %d makes a %d-byte line, want %d", uh, n, len(line), MaxLine)
		}
	}
}
