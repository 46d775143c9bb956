package state

import (
	"os"

	"golang.org/x/sys/unix"
)

// Lock is a held flock on a lock file; Unlock releases it. (A bare
// descriptor: an *os.File would register it with the runtime's poller.)
type Lock struct {
	fd   int
	held bool // false for a zero Lock, and once released
}

// lock takes a flock on the file name of d (created 0600 if missing, never
// through a symlink), waiting for other holders. Shared locks admit other
// shared holders.
func (d *dir) lock(name string, exclusive bool) (*Lock, error) {
	const flags = unix.O_RDWR | unix.O_CREAT | unix.O_NOFOLLOW | unix.O_CLOEXEC | unix.O_NONBLOCK
	fd, err := openat(d.fd, name, flags, uint32(fileMode))
	if err != nil {
		return nil, classify(d.fd, name, d.join(name), err)
	}
	if err := checkFD(fd, d.join(name), false, fileMode); err != nil {
		unix.Close(fd)
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
		unix.Close(fd)
		return nil, &os.PathError{Op: "flock", Path: d.join(name), Err: err}
	}
	return &Lock{fd: fd, held: true}, nil
}

// Unlock releases the lock. Closing the file releases the flock.
func (l *Lock) Unlock() error {
	if l == nil || !l.held {
		return nil
	}
	l.held = false
	return unix.Close(l.fd)
}
