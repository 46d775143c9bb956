package libotrfile

import (
	"errors"
	"fmt"
)

// Errors wrapped by everything this package returns for bad input; use
// errors.Is. Key validation failures also wrap otr.ErrInvalidKey.
var (
	// ErrSyntax: the bytes do not form an s-expression or a valid line.
	ErrSyntax = errors.New("libotrfile: syntax error")
	// ErrFormat: well-formed, but not what libotr stores there.
	ErrFormat = errors.New("libotrfile: unexpected content")
	// ErrTooLarge: the file or an item in it exceeds our limits.
	ErrTooLarge = errors.New("libotrfile: too large")
	// ErrUnwritable: a value cannot be stored so that libotr reads it back.
	ErrUnwritable = errors.New("libotrfile: value cannot be written")
)

// PosError locates a problem in a file. Line is 1-based; Column (1-based)
// and Offset (0-based, in bytes) are set when known, else zero and -1.
type PosError struct {
	Line   int
	Column int
	Offset int
	Err    error
}

func (e *PosError) Error() string {
	if e.Offset < 0 {
		return fmt.Sprintf("libotrfile: line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("libotrfile: line %d, column %d (byte %d): %v", e.Line, e.Column, e.Offset, e.Err)
}

func (e *PosError) Unwrap() error { return e.Err }

// errAt locates err at byte offset off of in.
func errAt(in []byte, off int, err error) *PosError {
	off = min(max(off, 0), len(in))
	line, col := 1, 1
	for _, c := range in[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &PosError{Line: line, Column: col, Offset: off, Err: err}
}

// errLine locates err on a line of a line-based file.
func errLine(line int, err error) *PosError {
	return &PosError{Line: line, Offset: -1, Err: err}
}
