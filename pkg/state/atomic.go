package state

import (
	"errors"
	"io"
	"os"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// syncs counts the syncs of saves, for the tests.
var syncs atomic.Int64

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
func (d *dir) writeAtomic(name string, data []byte) error { return d.replace(name, data, true) }

// replace is writeAtomic, without the two syncs when synced is unset (a
// sends file, see sentfile.go): a kill at any moment still leaves the old
// or the new file, but after a power cut it may hold anything, an old
// version, nothing, or garbage.
func (d *dir) replace(name string, data []byte, synced bool) error {
	tmp := tempName(name)
	fd, err := d.createTemp(tmp)
	if err != nil {
		return err
	}
	if err := writeAndSync(fd, d.join(tmp), data, synced); err != nil {
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
	if !synced {
		return nil
	}
	syncs.Add(1)
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
func (d *dir) createTemp(tmp string) (int, error) {
	const flags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_NOFOLLOW | unix.O_CLOEXEC
	fd, err := openat(d.fd, tmp, flags, uint32(fileMode))
	if errors.Is(err, unix.EEXIST) {
		if err := unix.Unlinkat(d.fd, tmp, 0); err != nil && !errors.Is(err, unix.ENOENT) {
			return -1, &os.PathError{Op: "remove", Path: d.join(tmp), Err: err}
		}
		fd, err = openat(d.fd, tmp, flags, uint32(fileMode))
	}
	if err != nil {
		return -1, &os.PathError{Op: "create", Path: d.join(tmp), Err: err}
	}
	return fd, nil
}

// writeAndSync writes, sets the mode (whatever the umask) and syncs the
// data if asked (fdatasync: the size is synced with it, the times need
// not be), then closes fd. (A bare descriptor: an *os.File would also register it
// with the runtime's poller, for nothing on a regular file.)
func writeAndSync(fd int, path string, data []byte, synced bool) error {
	err := writeFull(fd, path, data)
	if err == nil {
		if err = fchmod(fd, fileMode); err != nil {
			err = &os.PathError{Op: "chmod", Path: path, Err: err}
		}
	}
	if err == nil && synced {
		syncs.Add(1)
		err = syncDataFD(fd, path)
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		err = &os.PathError{Op: "close", Path: path, Err: cerr}
	}
	return err
}

// writeFull writes all of data, retrying short writes and EINTR.
func writeFull(fd int, path string, data []byte) error {
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &os.PathError{Op: "write", Path: path, Err: err}
		}
		if n == 0 {
			return &os.PathError{Op: "write", Path: path, Err: io.ErrShortWrite}
		}
		data = data[n:]
	}
	return nil
}

func fchmod(fd int, mode os.FileMode) error {
	for {
		if err := unix.Fchmod(fd, uint32(mode)); err != unix.EINTR {
			return err
		}
	}
}
