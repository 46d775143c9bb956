package state

import (
	"os"
	"syscall"
)

// Lock is a held flock on a lock file; Unlock releases it.
type Lock struct{ f *os.File }

// lockFile takes a flock on path (created 0600 if missing), waiting for
// other holders. Shared locks admit other shared holders.
func lockFile(path string, exclusive bool) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return nil, err
	}
	if err := checkPrivate(path, fileMode); err != nil {
		f.Close()
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, &os.PathError{Op: "flock", Path: path, Err: err}
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
