package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxLine bounds one input line (a long message or a whole wire message),
// without its line ending.
const maxLine = 16 << 20

// errLineTooLong is what a lineTooLong error Is.
var errLineTooLong = errors.New("line over the 16 MiB limit")

// lineTooLong is an input line over maxLine: its bytes were read and
// dropped as they came, never held.
type lineTooLong struct {
	line int   // its number, from 1
	size int64 // its length, line ending included
}

func (e *lineTooLong) Error() string {
	return fmt.Sprintf("line %d is over the 16 MiB limit (%d bytes)", e.line, e.size)
}

func (e *lineTooLong) Is(target error) bool { return target == errLineTooLong }

// eachLine calls fn for every line of r without its line ending ("\n" or
// "\r\n"), stopping at the first error fn returns or at a line over
// maxLine (a *lineTooLong).
func eachLine(r io.Reader, fn func(line string) error) error {
	return eachLineOr(r, fn, func(err error) error {
		return withHint(err, "nothing from that line on was handled; keep each line under 16 MiB")
	})
}

// eachLineOr is eachLine, calling tooLong for a line over maxLine instead:
// reading goes on with the next line unless tooLong returns an error.
// Memory stays bounded by maxLine whatever the input.
func eachLineOr(r io.Reader, fn func(line string) error, tooLong func(err error) error) error {
	lr := lineReader{br: bufio.NewReaderSize(r, 64<<10), max: maxLine}
	for {
		line, err := lr.next()
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, errLineTooLong):
			err = tooLong(err)
		case err == nil:
			err = fn(line)
		}
		if err != nil {
			return err
		}
	}
}

// lineReader splits input into lines of at most max bytes.
type lineReader struct {
	br    *bufio.Reader
	max   int
	buf   []byte
	count int
}

// next returns the next line without its ending; a *lineTooLong for a
// line over max (read to its end and dropped); io.EOF at the end.
func (lr *lineReader) next() (string, error) {
	if cap(lr.buf) > 1<<20 {
		lr.buf = nil // do not keep a 16 MiB buffer for the lines after a big one
	}
	lr.buf = lr.buf[:0]
	var size int64
	over := false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		size += int64(len(chunk))
		if !over && len(lr.buf)+len(chunk) <= lr.max+len("\r\n") {
			lr.buf = appendDoubling(lr.buf, chunk)
		} else {
			over, lr.buf = true, lr.buf[:0]
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil && err != io.EOF:
			return "", err
		case err == io.EOF && size == 0:
			return "", io.EOF
		}
		lr.count++
		line := bytes.TrimSuffix(bytes.TrimSuffix(lr.buf, []byte("\n")), []byte("\r"))
		if over || len(line) > lr.max {
			return "", &lineTooLong{line: lr.count, size: size}
		}
		return string(line), nil
	}
}

// quoteArg quotes a string for a shell command shown in a hint.
func quoteArg(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._+-/") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(escapeText(s), "'", `'\''`) + "'"
}

// firstLine reads the first line of a secret file, without its line ending.
func firstLine(path string) (string, error) {
	f, err := openSecretFile(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSuffix(line, "\r"), nil
}

// openSecretFile opens a file holding a secret (an SMP secret, a private
// key), refusing one that group or others may read, as ssh does with keys:
// whatever it holds may already be known to others.
func openSecretFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		f.Close()
		return nil, withHint(fmt.Errorf("%s holds a secret but is accessible by group or others (mode %04o)", path, perm),
			"make it private: chmod 600 %s (and choose a new secret if others may have read it)", quoteArg(path))
	}
	return f, nil
}

// appendDoubling is append that doubles the capacity when it grows, so a
// 16 MiB line costs 32 MiB of allocations, not append's 80 for large slices.
func appendDoubling(buf, more []byte) []byte {
	if need := len(buf) + len(more); need > cap(buf) {
		grown := make([]byte, len(buf), max(need, 2*cap(buf)))
		copy(grown, buf)
		buf = grown
	}
	return append(buf, more...)
}
