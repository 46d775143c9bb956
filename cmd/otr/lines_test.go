package main

import (
	"errors"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/cliutil"
)

// readAll splits input with lineReader of the given limit; an over-long
// line appears as "!N" (its number).
func readAll(t *testing.T, input string, max int) []string {
	t.Helper()
	lr := cliutil.NewLineReader(strings.NewReader(input), 16, max)
	var out []string
	for {
		line, err := lr.Next()
		var tl *cliutil.LineTooLong
		switch {
		case err == io.EOF:
			return out
		case errors.As(err, &tl):
			out = append(out, "!"+strings.Repeat("x", tl.Line))
		case err != nil:
			t.Fatal(err)
		default:
			out = append(out, line)
		}
	}
}

func TestLineReaderLimit(t *testing.T) {
	ten := "0123456789"
	tests := []struct {
		input string
		want  []string
	}{
		{ten + "\n" + ten + "x\nok\n", []string{ten, "!xx", "ok"}},
		{ten + "\r\n" + ten + "x\r\nok", []string{ten, "!xx", "ok"}},        // CRLF at the limit, no final newline
		{strings.Repeat("y", 100) + "\n\nlast", []string{"!x", "", "last"}}, // longer than the bufio buffer
		{"a\n" + strings.Repeat("y", 11), []string{"a", "!xx"}},             // over-long last line without newline
		{"a\r\r\n\n", []string{"a\r", ""}},                                  // one CR is the line ending's
		{"", nil},
	}
	for _, tc := range tests {
		if got := readAll(t, tc.input, 10); !slices.Equal(got, tc.want) {
			t.Errorf("%.30q: got %q, want %q", tc.input, got, tc.want)
		}
	}
}

// xs reads as an endless run of 'x'.
type xs struct{}

func (xs) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// longLine is a line of n 'x', then the line "ok".
func longLine(n int64) io.Reader {
	return io.MultiReader(io.LimitReader(xs{}, n), strings.NewReader("\nok\n"))
}

// TestOverlongLineMemoryBounded: a 256 MiB line costs no more memory than
// the 16 MiB limit (twice, for append's growth) and the next line is read.
func TestOverlongLineMemoryBounded(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var lines []string
	var rejected []error
	err := eachLineOr(longLine(256<<20), func(l string) error { lines = append(lines, l); return nil },
		func(err error) error { rejected = append(rejected, err); return nil })
	runtime.ReadMemStats(&after)
	if err != nil || !slices.Equal(lines, []string{"ok"}) || len(rejected) != 1 || !errors.Is(rejected[0], errLineTooLong) {
		t.Fatalf("lines %q, rejected %v, err %v", lines, rejected, err)
	}
	t.Logf("allocated %d MiB", (after.TotalAlloc-before.TotalAlloc)>>20)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*maxLine {
		t.Errorf("reading a 256 MiB line allocated %d MiB", alloc>>20)
	}
	if err := eachLine(longLine(maxLine+1), func(string) error { return nil }); !errors.Is(err, errLineTooLong) {
		t.Errorf("eachLine over the limit: %v, want the too-long error", err)
	}
}
