package cliutil

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ErrLineTooLong is what a *LineTooLong error Is.
var ErrLineTooLong = errors.New("line over the length limit")

// LineTooLong is an input line over the reader's limit: its bytes were
// read and dropped as they came, never held.
type LineTooLong struct {
	Line int   // its number, from 1
	Size int64 // its length, line ending included
	Max  int   // the limit it broke
}

func (e *LineTooLong) Error() string {
	return fmt.Sprintf("line %d is over the %s limit (%d bytes)", e.Line, sizeText(e.Max), e.Size)
}

func (e *LineTooLong) Is(target error) bool { return target == ErrLineTooLong }

func sizeText(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d-byte", n)
}

// LineReader splits input into lines of at most a given length.
type LineReader struct {
	br    *bufio.Reader
	max   int
	buf   []byte
	count int
}

// NewLineReader reads r through a buffer of bufSize bytes, in lines of at
// most max bytes (without their ending).
func NewLineReader(r io.Reader, bufSize, max int) *LineReader {
	return &LineReader{br: bufio.NewReaderSize(r, bufSize), max: max}
}

// Next returns the next line without its ending ("\n" or "\r\n"); a
// *LineTooLong for a line over the limit (read to its end and dropped,
// reading can go on); io.EOF at the end.
func (lr *LineReader) Next() (string, error) {
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
			return "", &LineTooLong{Line: lr.count, Size: size, Max: lr.max}
		}
		return string(line), nil
	}
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
