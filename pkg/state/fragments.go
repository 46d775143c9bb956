package state

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
	"golang.org/x/sys/unix"
)

// A fragment journal holds the pieces of the fragmented message being
// reassembled from one peer, beside the peer's file (peers/NAME.frag), so
// that a piece costs its own bytes: the peer's file is rewritten only once
// the message is whole. Its layout:
//
//	otr-fragments 1\n            magic line, written with the first record
//	K N LEN\nPIECE\n             one record per piece, pieces 1..k in order
//
// K, N and LEN are decimal; PIECE is LEN bytes. Each record is written at
// the end with one write and synced (fdatasync) before Append returns, so
// a kill after piece k keeps pieces 1..k; a record torn by a kill in the
// middle of its write is cut off at the next open. An empty file means no
// fragment. The file is opened relative to the peers directory, never
// through a symlink, and must be a private regular file of ours; one with
// other hard links (a backup) is first copied to a file of its own. Its size is bounded by otr.MaxReassembled plus the records' headers.
type FragmentJournal struct {
	f    *os.File
	path string
	k, n uint16
	size int   // bytes of pieces
	end  int64 // file length as last read or written
}

const (
	journalMagic  = "otr-fragments 1\n"
	journalSuffix = ".frag"
	// journalMax bounds the file: the pieces plus at most 65535 headers.
	journalMax = int64(len(journalMagic)) + int64(otr.MaxReassembled) + 65535*int64(len("65535 65535 262144\n\n"))
)

// ErrJournal says a fragment journal is not a file this program may use.
var ErrJournal = errors.New("unsafe fragment journal")

// FragmentsPath is where a peer's fragment journal lives.
func (s *Store) FragmentsPath(peer string) (string, error) {
	f, err := fileName(peer)
	if err != nil {
		return "", err
	}
	return filepath.Join(s.Dir, peersDir, f+journalSuffix), nil
}

// OpenFragments opens (creating it empty if needed) the peer's fragment
// journal. Hold the peer's lock (LockPeer) around every call on it.
func (s *Store) OpenFragments(peer string) (*FragmentJournal, error) {
	return s.openFragments(peer, true)
}

// ExistingFragments opens the journal only if it holds something; nil
// when it is missing or empty.
func (s *Store) ExistingFragments(peer string) (*FragmentJournal, error) {
	path, err := s.FragmentsPath(peer)
	if err != nil {
		return nil, err
	}
	if info, err := os.Lstat(path); err != nil || (info.Mode().IsRegular() && info.Size() == 0) {
		return nil, nil
	}
	return s.openFragments(peer, false)
}

func (s *Store) openFragments(peer string, create bool) (*FragmentJournal, error) {
	path, err := s.FragmentsPath(peer)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := ensureDir(dir); err != nil {
		return nil, err
	}
	f, err := openInDir(dir, filepath.Base(path), create)
	if err != nil {
		return nil, err
	}
	if f, err = unshareJournal(dir, filepath.Base(path), f); err != nil {
		return nil, err
	}
	j := &FragmentJournal{f: f, path: path}
	if err := j.checkFile(); err != nil {
		f.Close()
		return nil, err
	}
	if err := j.load(); err != nil {
		f.Close()
		return nil, err
	}
	return j, nil
}

// openInDir opens name in dir without following a symlink at either.
func openInDir(dir, name string, create bool) (*os.File, error) {
	dfd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(dfd)
	flags := unix.O_RDWR | unix.O_NOFOLLOW | unix.O_CLOEXEC | unix.O_NONBLOCK
	if create {
		flags |= unix.O_CREAT
	}
	fd, err := unix.Openat(dfd, name, flags, uint32(fileMode))
	path := filepath.Join(dir, name)
	if errors.Is(err, unix.ELOOP) {
		return nil, fmt.Errorf("%w: %s is a symlink", ErrJournal, path)
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}

// checkFile refuses anything but a private regular file of ours with one link.
func (j *FragmentJournal) checkFile() error {
	var st unix.Stat_t
	if err := unix.Fstat(int(j.f.Fd()), &st); err != nil {
		return &os.PathError{Op: "fstat", Path: j.path, Err: err}
	}
	switch {
	case st.Mode&unix.S_IFMT != unix.S_IFREG:
		return fmt.Errorf("%w: %s is not a regular file", ErrJournal, j.path)
	case int(st.Uid) != os.Geteuid():
		return fmt.Errorf("%w: %s is owned by uid %d, not by us (uid %d)", ErrJournal, j.path, st.Uid, os.Geteuid())
	case st.Nlink != 1:
		return fmt.Errorf("%w: %s has %d hard links", ErrJournal, j.path, st.Nlink)
	case st.Mode&0o077 != 0:
		return &PermissionError{Path: j.path, Mode: os.FileMode(st.Mode & 0o777), Want: fileMode}
	}
	return nil
}

// Close closes the file.
func (j *FragmentJournal) Close() error { return j.f.Close() }

// fresh re-reads the file if another process changed its length.
func (j *FragmentJournal) fresh() error {
	if err := j.follow(); err != nil {
		return err
	}
	info, err := j.f.Stat()
	if err != nil {
		return err
	}
	if info.Size() == j.end {
		return nil
	}
	return j.load()
}

// Progress is the stored fragment's k, n and the length of its pieces.
func (j *FragmentJournal) Progress() (k, n uint16, size int, err error) {
	if err := j.fresh(); err != nil {
		return 0, 0, 0, err
	}
	return j.k, j.n, j.size, nil
}

// Append stores piece k of n at the end and syncs it.
func (j *FragmentJournal) Append(k, n uint16, piece string) error {
	if err := j.fresh(); err != nil {
		return err
	}
	if k != j.k+1 || (j.k > 0 && n != j.n) || k > n || piece == "" || len(piece) > otr.MaxReassembled-j.size {
		return fmt.Errorf("%w: %s: piece %d of %d does not follow %d of %d within the size bound", ErrJournal, j.path, k, n, j.k, j.n)
	}
	var b strings.Builder
	if j.end == 0 {
		b.WriteString(journalMagic)
	}
	fmt.Fprintf(&b, "%d %d %d\n%s\n", k, n, len(piece), piece)
	if _, err := j.f.WriteAt([]byte(b.String()), j.end); err != nil {
		return err
	}
	if err := syncData(j.f); err != nil {
		return err
	}
	j.end += int64(b.Len())
	j.k, j.n, j.size = k, n, j.size+len(piece)
	return nil
}

// Contents returns the stored pieces, concatenated.
func (j *FragmentJournal) Contents() (string, error) {
	if err := j.fresh(); err != nil {
		return "", err
	}
	data, err := j.read()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(j.size)
	parseJournal(data, func(piece []byte) { b.Write(piece) })
	return b.String(), nil
}

// Reset forgets the stored fragment (the file is emptied in place).
func (j *FragmentJournal) Reset() error {
	if err := j.follow(); err != nil {
		return err
	}
	if j.end == 0 {
		if info, err := j.f.Stat(); err != nil || info.Size() == 0 {
			return err
		}
	}
	if err := j.f.Truncate(0); err != nil {
		return err
	}
	j.k, j.n, j.size, j.end = 0, 0, 0, 0
	return nil
}

// read returns the whole file (bounded by journalMax).
func (j *FragmentJournal) read() ([]byte, error) {
	data, err := io.ReadAll(io.NewSectionReader(j.f, 0, journalMax+1))
	if err != nil {
		return nil, err
	}
	return data, nil
}

// load reads the file, keeping the valid records and cutting off the rest
// (a record torn by a kill, or anything not written by this program).
func (j *FragmentJournal) load() error {
	data, err := j.read()
	if err != nil {
		return err
	}
	j.k, j.n, j.size = 0, 0, 0
	valid := parseJournal(data, func(piece []byte) { j.size += len(piece) })
	j.k, j.n = valid.k, valid.n
	if int64(len(data)) != valid.end {
		if err := j.f.Truncate(valid.end); err != nil {
			return err
		}
	}
	j.end = valid.end
	return nil
}

// journalEnd is where the valid records of a journal end, and the last one's k and n.
type journalEnd struct {
	k, n uint16
	end  int64
}

// parseJournal calls fn with each valid piece in order and returns where
// the valid records end (0 if the magic line is wrong or no record is valid).
func parseJournal(data []byte, fn func(piece []byte)) journalEnd {
	rest, ok := strings.CutPrefix(string(data), journalMagic)
	if !ok {
		return journalEnd{}
	}
	var at journalEnd
	size := 0
	for rest != "" {
		head, body, ok := strings.Cut(rest, "\n")
		if !ok || len(head) > 20 {
			break
		}
		k, n, length, ok := parseRecordHead(head)
		if !ok {
			break
		}
		if k != int(at.k)+1 || k > n || n > 65535 || (at.k > 0 && n != int(at.n)) ||
			length <= 0 || length > len(body)-1 || body[length] != '\n' || size+length > otr.MaxReassembled {
			break
		}
		fn([]byte(body[:length]))
		size += length
		rest = body[length+1:]
		at = journalEnd{k: uint16(k), n: uint16(n), end: int64(len(data) - len(rest))}
	}
	return at
}

// parseRecordHead reads "K N LEN": three decimals of at most 6 digits.
func parseRecordHead(head string) (k, n, length int, ok bool) {
	f := strings.Split(head, " ")
	if len(f) != 3 {
		return 0, 0, 0, false
	}
	var v [3]int
	for i, s := range f {
		if s == "" || len(s) > 6 || strings.Trim(s, "0123456789") != "" {
			return 0, 0, 0, false
		}
		v[i], _ = strconv.Atoi(s)
	}
	return v[0], v[1], v[2], true
}

// Empty says the journal held nothing when last read or written here.
func (j *FragmentJournal) Empty() bool { return j.end == 0 }
