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

// OwnerError says a state file or directory belongs to another user. As
// ssh with keys it does not own, otr refuses it: whoever owns it can
// replace what otr reads or plant links where otr writes.
type OwnerError struct {
	Path string
	UID  int // the owner
	Want int // the effective user running otr
}

func (e *OwnerError) Error() string {
	return fmt.Sprintf("%s belongs to uid %d, not to the user running otr (uid %d)", e.Path, e.UID, e.Want)
}

// Hint says what to do about it.
func (e *OwnerError) Hint() string {
	return fmt.Sprintf("run otr as its owner (sudo -u '#%d' otr …); only if this state is really yours, take it back: chown -R %d %s", e.UID, e.Want, e.Path)
}

// SymlinkError says a state file or directory is a symbolic link, which
// otr does not follow inside its state.
type SymlinkError struct{ Path string }

func (e *SymlinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link; otr does not follow links in its state", e.Path)
}

// Hint says what to do about it.
func (e *SymlinkError) Hint() string {
	return "replace the link by the file or directory it points to (or pass the real directory to --state)"
}

// TypeError says a state path is not a regular file (or not a directory).
type TypeError struct {
	Path string
	Dir  bool // a directory was expected
}

func (e *TypeError) Error() string {
	if e.Dir {
		return fmt.Sprintf("%s is not a directory", e.Path)
	}
	return fmt.Sprintf("%s is not a regular file", e.Path)
}
