package state

import (
	"errors"
	"fmt"
	"io/fs"
)

// FormatVersion is the version of the files this package writes.
const FormatVersion = 1

// ErrNoIdentity says the state has no identity yet (no key generated).
var ErrNoIdentity = errors.New("no identity in this state")

// PermissionError says a file or directory is open to group or others.
type PermissionError struct {
	Path string
	Mode fs.FileMode
	Want fs.FileMode
}

func (e *PermissionError) Error() string {
	return fmt.Sprintf("%s is accessible by group or others (mode %04o)", e.Path, e.Mode.Perm())
}

// Fix is the command that makes the path private.
func (e *PermissionError) Fix() string {
	return fmt.Sprintf("chmod %04o %s", e.Want, e.Path)
}

// CorruptError says a state file cannot be read; it is left untouched.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s is corrupt: %v", e.Path, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// ErrVersion says a file has a format version this program does not know.
var ErrVersion = errors.New("unsupported format version")

// ErrPeerName says a peer name cannot be used.
var ErrPeerName = errors.New("invalid peer name")
