package state

import (
	"io/fs"
	"os"
)

const (
	dirMode  fs.FileMode = 0o700
	fileMode fs.FileMode = 0o600
)

// checkPrivate refuses a path that group or others may read or write, as
// ssh does with private keys. A missing path is not an error here.
func checkPrivate(path string, want fs.FileMode) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return &PermissionError{Path: path, Mode: info.Mode(), Want: want}
	}
	return nil
}

// ensureDir creates dir with mode 0700 if missing (whatever the umask)
// and checks it is private.
func ensureDir(dir string) error {
	if err := os.Mkdir(dir, dirMode); err == nil {
		if err := os.Chmod(dir, dirMode); err != nil {
			return err
		}
	} else if !os.IsExist(err) {
		return err
	}
	return checkPrivate(dir, dirMode)
}
