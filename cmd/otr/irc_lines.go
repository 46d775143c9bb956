package main

import (
	"bufio"
	"errors"
	"io"
)

// lineReader reads lines of at most max bytes; a longer line is skipped
// and reported as too long, never buffered whole.
type lineReader struct {
	r   *bufio.Reader
	max int
}

// next returns the next line without its LF (and CR before it); tooLong
// says the line was longer than max and dropped. err is io.EOF at the end
// (a last line without LF is returned first).
func (l *lineReader) next() (line string, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			buf = append(buf, chunk...)
			if len(buf) > l.max+2 {
				buf, tooLong = nil, true
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && (len(buf) == 0 && !tooLong || !errors.Is(err, io.EOF)) {
			return "", false, err
		}
		if tooLong {
			return "", true, nil
		}
		return trimEOL(string(buf)), false, nil
	}
}

func trimEOL(s string) string {
	if n := len(s); n > 0 && s[n-1] == '\n' {
		s = s[:n-1]
	}
	if n := len(s); n > 0 && s[n-1] == '\r' {
		s = s[:n-1]
	}
	return s
}
