package state

import (
	"io"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// unshareJournal gives the journal a file of its own when it has other
// hard links (a `cp -al` backup of the state, as backup tools make): its
// content is copied into a new file renamed over it, so the appends and
// truncations that follow never reach the backup, and recv goes on. Only
// a private regular file of ours is copied; anything else is left for
// checkFile to refuse. f is closed unless it is what is returned.
func unshareJournal(dir, name string, f *os.File) (*os.File, error) {
	nf, err := copyJournal(dir, name, f)
	if nf != f {
		f.Close()
	}
	return nf, err
}

func copyJournal(dir, name string, f *os.File) (*os.File, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return f, nil // checkFile reports it
	}
	if st.Nlink <= 1 || st.Mode&unix.S_IFMT != unix.S_IFREG || int(st.Uid) != os.Geteuid() || st.Mode&0o077 != 0 {
		return f, nil
	}
	data, err := io.ReadAll(io.NewSectionReader(f, 0, journalMax+1))
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: f.Name(), Err: err}
	}
	d, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	defer d.close()
	if err := d.writeAtomic(name, data); err != nil {
		return nil, err
	}
	return openInDir(dir, name, false)
}

// follow makes j's descriptor the journal's file again when it no longer
// is, or shares it: another process copied the journal away from a backup
// (the name now holds a new file), or a backup was made while j was open
// (a long-running recv). Without this, the open descriptor would go on
// appending to, and truncating, the backup's file. Called with the lock held.
func (j *FragmentJournal) follow() error {
	var st unix.Stat_t
	if err := unix.Fstat(int(j.f.Fd()), &st); err != nil {
		return &os.PathError{Op: "fstat", Path: j.path, Err: err}
	}
	var at unix.Stat_t
	err := unix.Lstat(j.path, &at)
	if err == nil && at.Dev == st.Dev && at.Ino == st.Ino && st.Nlink <= 1 {
		return nil
	}
	dir, name := filepath.Split(j.path)
	f, err := openInDir(filepath.Clean(dir), name, true)
	if err != nil {
		return err
	}
	if f, err = unshareJournal(filepath.Clean(dir), name, f); err != nil {
		return err
	}
	old := j.f
	j.f = f
	if err := j.checkFile(); err != nil {
		j.f = old
		f.Close()
		return err
	}
	old.Close()
	return j.load()
}
