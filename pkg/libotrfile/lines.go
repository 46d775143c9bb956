package libotrfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxLineLen bounds one line of a fingerprints or instance tags file
// (libotr itself reads lines of at most 999 bytes).
const maxLineLen = 64 << 10

// eachLine calls fn with every line of r (without its "\n" or "\r\n") and
// its 1-based number.
func eachLine(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxLineLen)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(n, strings.TrimSuffix(sc.Text(), "\r")); err != nil {
			return err
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return errLine(n+1, fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, maxLineLen))
	}
	return sc.Err()
}

// checkField rejects what would break a tab-separated line: tabs (unless
// allowed), line breaks and NUL bytes, which end C strings in libotr.
func checkField(what, v string, tabOK bool) error {
	bad := "\n\r\x00"
	if !tabOK {
		bad += "\t"
	}
	if strings.ContainsAny(v, bad) {
		return fmt.Errorf("%w: %s %q contains a tab, line break or NUL byte", ErrUnwritable, what, v)
	}
	return nil
}

// writeLines writes buf to w in one call.
func writeLines(w io.Writer, buf *bytes.Buffer) error {
	_, err := w.Write(buf.Bytes())
	return err
}
