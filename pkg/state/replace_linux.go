package state

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// replaceFile atomically puts tmp in path's place. It exchanges the two
// names (renameat2 RENAME_EXCHANGE) and empties tmp, which now holds the old
// content, keeping its inode for the next save: allocating a new inode on
// every save is the dearest step of a save on ext4. The exchange is as
// atomic as a rename; emptying tmp leaves on disk what unlinking would.
// Where the exchange is not possible (no file at path yet, another file
// system, an old kernel), it renames.
func replaceFile(tmp, path string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, path, unix.RENAME_EXCHANGE)
	if err == nil {
		return os.Truncate(tmp, 0)
	}
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return os.Rename(tmp, path)
	}
	return err
}
