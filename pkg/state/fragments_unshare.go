package state

import (
	"io"
	"os"

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
