package state

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncData flushes a file's data (and the size that reaches it), not its
// other metadata.
func syncData(f *os.File) error { return syncDataFD(int(f.Fd()), f.Name()) }

// syncDataFD is syncData for a bare descriptor.
func syncDataFD(fd int, path string) error {
	if err := unix.Fdatasync(fd); err != nil {
		return &os.PathError{Op: "fdatasync", Path: path, Err: err}
	}
	return nil
}
