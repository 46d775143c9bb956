package state

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// dir is an open state directory. Every file in it is reached through
// the descriptor (openat, renameat, unlinkat) with O_NOFOLLOW, so a
// symlink planted in the directory, or the directory swapped for another
// after the checks, redirects nothing.
type dir struct {
	fd   int
	path string // for messages only; never opened again
}

const (
	dirFlags  = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC
	readFlags = unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_CLOEXEC | unix.O_NONBLOCK
)

// openDir opens the directory at path (not through a symlink) and checks
// that it is ours and private. The path is cleaned first: O_NOFOLLOW does
// not stop the kernel from following a symlink named "link/" or "link/."
// (as shell completion writes a directory), so these are refused like "link".
func openDir(path string) (*dir, error) {
	return openDirAt(unix.AT_FDCWD, filepath.Clean(path), path)
}

func openDirAt(at int, name, path string) (*dir, error) {
	fd, err := openat(at, name, dirFlags, 0)
	if err != nil {
		return nil, classify(at, name, path, err)
	}
	if err := checkFD(fd, path, true, dirMode); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return &dir{fd: fd, path: path}, nil
}

// sub opens a subdirectory, creating it (0700) when create is set and it
// is missing.
func (d *dir) sub(name string, create bool) (*dir, error) {
	if create {
		// Usually there: open it first, and create it only when missing.
		sub, err := openDirAt(d.fd, name, d.join(name))
		if !errors.Is(err, fs.ErrNotExist) {
			return sub, err
		}
		err = unix.Mkdirat(d.fd, name, uint32(dirMode))
		if err != nil && !errors.Is(err, unix.EEXIST) {
			return nil, &os.PathError{Op: "mkdir", Path: d.join(name), Err: err}
		}
		if err == nil {
			// Mode set through the descriptor, whatever the umask.
			if err := fixModeAt(d.fd, name, dirFlags, dirMode); err != nil {
				return nil, &os.PathError{Op: "chmod", Path: d.join(name), Err: err}
			}
		}
	}
	return openDirAt(d.fd, name, d.join(name))
}

func (d *dir) join(name string) string { return filepath.Join(d.path, name) }

func (d *dir) close() {
	if d != nil && d.fd >= 0 {
		unix.Close(d.fd)
		d.fd = -1
	}
}

// read returns the content of a file of the directory; found is false when
// it does not exist. The file must be a regular file, ours and private.
func (d *dir) read(name string) (data []byte, found bool, err error) {
	fd, err := openat(d.fd, name, readFlags, 0)
	if errors.Is(err, unix.ENOENT) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, classify(d.fd, name, d.join(name), err)
	}
	defer unix.Close(fd)
	path := d.join(name)
	st, err := checkStat(fd, path, false, fileMode)
	if err != nil {
		return nil, false, err
	}
	data, err = readFD(fd, path, st.Size)
	return data, true, err
}

// readFD reads fd to its end: one read for a file of the expected size,
// one more to see the end. (A bare descriptor: an *os.File would register
// it with the runtime's poller, and io.ReadAll reads in growing steps.)
func readFD(fd int, path string, size int64) ([]byte, error) {
	if size < 0 || size > 1<<30 {
		size = 0
	}
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := unix.Read(fd, buf[len(buf):cap(buf)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

// names lists the directory's entries.
func (d *dir) names() ([]string, error) {
	fd, err := openat(d.fd, ".", dirFlags, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: d.path, Err: err}
	}
	f := os.NewFile(uintptr(fd), d.path)
	defer f.Close()
	return f.Readdirnames(-1)
}

// fixModeAt sets the mode of a file just created, through a descriptor.
func fixModeAt(at int, name string, flags int, mode os.FileMode) error {
	fd, err := openat(at, name, flags, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	return unix.Fchmod(fd, uint32(mode))
}

// openat retries on EINTR.
func openat(at int, name string, flags int, mode uint32) (int, error) {
	for {
		fd, err := unix.Openat(at, name, flags, mode)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

// checkFD checks what a descriptor refers to: the right type, owned by the
// effective user, not open to group or others.
func checkFD(fd int, path string, isDir bool, want os.FileMode) error {
	_, err := checkStat(fd, path, isDir, want)
	return err
}

// checkStat is checkFD, returning what fstat said.
func checkStat(fd int, path string, isDir bool, want os.FileMode) (*unix.Stat_t, error) {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	kind := st.Mode & unix.S_IFMT
	if isDir && kind != unix.S_IFDIR || !isDir && kind != unix.S_IFREG {
		return nil, &TypeError{Path: path, Dir: isDir}
	}
	if euid := effectiveUID(); int(st.Uid) != euid {
		return nil, &OwnerError{Path: path, UID: int(st.Uid), Want: euid}
	}
	if perm := os.FileMode(st.Mode) & os.ModePerm; perm&0o077 != 0 {
		return nil, &PermissionError{Path: path, Mode: perm, Want: want}
	}
	return &st, nil
}

// effectiveUID is the process's effective user id, asked once: it cannot
// change under a Go program (setuid applies to all threads, and this
// program never calls it), and every file of a step is checked against it.
var effectiveUID = sync.OnceValue(os.Geteuid)

// classify turns a failed open into a useful error: a symlink where a
// file or directory was expected is a SymlinkError.
func classify(at int, name, path string, err error) error {
	if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.ENOTDIR) {
		var st unix.Stat_t
		if unix.Fstatat(at, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK {
			return &SymlinkError{Path: path}
		}
	}
	return &os.PathError{Op: "open", Path: path, Err: err}
}
