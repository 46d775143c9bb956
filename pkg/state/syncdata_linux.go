package state

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncData flushes a file's data (and the size that reaches it), not its
// other metadata.
func syncData(f *os.File) error {
	if err := unix.Fdatasync(int(f.Fd())); err != nil {
		return &os.PathError{Op: "fdatasync", Path: f.Name(), Err: err}
	}
	return nil
}
