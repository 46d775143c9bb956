//go:build !linux

package state

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncData flushes a file.
func syncData(f *os.File) error { return f.Sync() }

// syncDataFD is syncData for a bare descriptor.
func syncDataFD(fd int, path string) error {
	if err := unix.Fsync(fd); err != nil {
		return &os.PathError{Op: "sync", Path: path, Err: err}
	}
	return nil
}
