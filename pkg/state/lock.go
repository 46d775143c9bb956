package state

import (
	"os"

	"golang.org/x/sys/unix"
)

// Lock is a held flock on a lock file; Unlock releases it.
type Lock struct{ f *os.File }

// lock takes a flock on the file name of d (created 0600 if missing, never
// through a symlink), waiting for other holders. Shared locks admit other
// shared holders.
func (d *dir) lock(name string, exclusive bool) (*Lock, error) {
	const flags = unix.O_RDWR | unix.O_CREAT | unix.O_NOFOLLOW | unix.O_CLOEXEC | unix.O_NONBLOCK
	fd, err := openat(d.fd, name, flags, uint32(fileMode))
	if err != nil {
		return nil, classify(d.fd, name, d.join(name), err)
	}
	f := os.NewFile(uintptr(fd), d.join(name))
	if err := checkFD(fd, f.Name(), false, fileMode); err != nil {
		f.Close()
		return nil, err
	}
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	for {
		err = unix.Flock(fd, how)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, &os.PathError{Op: "flock", Path: f.Name(), Err: err}
	}
	return &Lock{f}, nil
}

// Unlock releases the lock. Closing the file releases the flock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
