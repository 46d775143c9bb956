package state

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

const (
	dirMode  fs.FileMode = 0o700
	fileMode fs.FileMode = 0o600
)

// ensureDir creates the directory path with mode 0700 if missing (whatever
// the umask) and checks it (not a symlink, ours, private).
func ensureDir(path string) error {
	d, err := makeDir(path)
	if err == nil {
		d.close()
	}
	return err
}

// makeDir is ensureDir that returns the directory opened.
func makeDir(path string) (*dir, error) {
	err := unix.Mkdir(path, uint32(dirMode))
	if err != nil && !errors.Is(err, unix.EEXIST) {
		return nil, &os.PathError{Op: "mkdir", Path: path, Err: err}
	}
	if err == nil {
		if err := fixModeAt(unix.AT_FDCWD, path, dirFlags, dirMode); err != nil {
			return nil, &os.PathError{Op: "chmod", Path: path, Err: err}
		}
	}
	return openDir(filepath.Clean(path))
}
