package cliutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestReport: the error and its hint each take one line under the
// program's name, control characters escaped, backslashes left alone.
func TestReport(t *testing.T) {
	var b bytes.Buffer
	Report(&b, "otr-irc-bridge", "bad\nnews \\n", "do\x1b[2Jthis")
	want := "otr-irc-bridge: error: bad\\nnews \\n\notr-irc-bridge: hint: do\\u{1b}[2Jthis\n"
	if b.String() != want {
		t.Errorf("Report wrote %q, want %q", b.String(), want)
	}
	b.Reset()
	Report(&b, "otr", "x", "")
	if b.String() != "otr: error: x\n" {
		t.Errorf("Report without a hint wrote %q", b.String())
	}
}

// TestErrorsAndExitCodes: hints and usage errors survive wrapping.
func TestErrorsAndExitCodes(t *testing.T) {
	u := fmt.Errorf("wrapped: %w", WithHint(Usagef("bad %s", "flag"), "see %s", "help"))
	var h *Hinted
	if ExitCode(u) != ExitUsage || !errors.As(u, &h) || h.Hint != "see help" || u.Error() != "wrapped: bad flag" {
		t.Errorf("usage error: exit %d, %q", ExitCode(u), u)
	}
	if ExitCode(io.EOF) != ExitFailure || WithHint(nil, "x") != nil {
		t.Error("a plain error must exit 1 and a nil error stay nil")
	}
}

// TestLineReaderLimitText: an over-long line names its number and the
// limit it broke, and reading goes on after it.
func TestLineReaderLimitText(t *testing.T) {
	lr := NewLineReader(strings.NewReader("ok\n"+strings.Repeat("x", 600)+"\nnext\n"), 16, 512)
	if l, err := lr.Next(); l != "ok" || err != nil {
		t.Fatalf("first line %q %v", l, err)
	}
	_, err := lr.Next()
	if !errors.Is(err, ErrLineTooLong) || err.Error() != "line 2 is over the 512-byte limit (601 bytes)" {
		t.Errorf("over-long line: %v", err)
	}
	if l, err := lr.Next(); l != "next" || err != nil {
		t.Errorf("after it: %q %v", l, err)
	}
	big := &LineTooLong{Line: 3, Size: 20 << 20, Max: 16 << 20}
	if !strings.Contains(big.Error(), "over the 16 MiB limit") {
		t.Errorf("16 MiB limit shown as %q", big.Error())
	}
}
