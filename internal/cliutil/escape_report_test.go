package cliutil

import "testing"

// A report keeps its lines and tabs; what could drive a terminal is
// escaped, backslashes (the report's own quoting) stay.
func TestEscapeReport(t *testing.T) {
	in := "a\tb\nc\x1b[2J\\d\r\u202e\xff"
	want := "a\tb\nc\\u{1b}[2J\\d\\r\\u{202e}\\xff"
	if got := EscapeReport(in); got != want {
		t.Fatalf("EscapeReport(%q) = %q, want %q", in, got, want)
	}
}
