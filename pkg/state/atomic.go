package state

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// beforeRename, when set (by tests, or by the otrtesthooks build), runs
// between the write and the rename of a save, with the temp file's path.
var beforeRename func(tmp string)

// writeAtomic replaces the file name in d with data so that a crash at any
// moment leaves either the old or the new content, and a reader always
// sees one of them whole: a NEW temp file (O_EXCL, never through a link),
// write, fsync, renameat over name, fsync of the directory. No file is
// ever changed in place, so a hard link to the old file (a `cp -al`
// backup) keeps the old content, and a reader holding the old file open
// keeps reading it whole.
func (d *dir) writeAtomic(name string, data []byte) error {
	tmp := tempName(name)
	f, err := d.createTemp(tmp)
	if err != nil {
		return err
	}
	if err := writeAndSync(f, data); err != nil {
		_ = unix.Unlinkat(d.fd, tmp, 0)
		return err
	}
	if beforeRename != nil {
		beforeRename(d.join(tmp))
	}
	if err := unix.Renameat(d.fd, tmp, d.fd, name); err != nil {
		_ = unix.Unlinkat(d.fd, tmp, 0)
		return &os.PathError{Op: "rename", Path: d.join(name), Err: err}
	}
	if err := unix.Fsync(d.fd); err != nil {
		return &os.PathError{Op: "sync", Path: d.path, Err: err}
	}
	return nil
}

// tempName is where a save of name is written before the rename: one fixed
// name per file. Every writer holds the file's lock, so no two saves share
// it, and a save killed midway leaves at most this one file, which the next
// save removes. (Random names would pile up after kills, each holding old
// session keys that forward secrecy wants gone.) The leading dot keeps it
// out of Peers.
func tempName(name string) string { return "." + name + ".tmp" }

// createTemp creates tmp afresh: a leftover of a killed save (or anything
// planted there, a symlink included) is unlinked, never opened.
func (d *dir) createTemp(tmp string) (*os.File, error) {
	const flags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_NOFOLLOW | unix.O_CLOEXEC
	fd, err := openat(d.fd, tmp, flags, uint32(fileMode))
	if errors.Is(err, unix.EEXIST) {
		if err := unix.Unlinkat(d.fd, tmp, 0); err != nil && !errors.Is(err, unix.ENOENT) {
			return nil, &os.PathError{Op: "remove", Path: d.join(tmp), Err: err}
		}
		fd, err = openat(d.fd, tmp, flags, uint32(fileMode))
	}
	if err != nil {
		return nil, &os.PathError{Op: "create", Path: d.join(tmp), Err: err}
	}
	return os.NewFile(uintptr(fd), d.join(tmp)), nil
}

// writeAndSync writes, sets the mode (whatever the umask) and syncs the
// data (fdatasync: the size is synced with it, the times need not be).
func writeAndSync(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(fileMode)
	}
	if err == nil {
		err = syncData(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
