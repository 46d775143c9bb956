package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

func openJournal(t *testing.T, s *Store) *FragmentJournal {
	t.Helper()
	j, err := s.OpenFragments("bob")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

func wantProgress(t *testing.T, j *FragmentJournal, k, n uint16, size int) {
	t.Helper()
	gk, gn, gsize, err := j.Progress()
	if err != nil || gk != k || gn != n || gsize != size {
		t.Fatalf("progress %d/%d %d bytes (%v), want %d/%d %d bytes", gk, gn, gsize, err, k, n, size)
	}
}

// TestFragmentJournal: pieces survive a reopen (a new process), come back
// concatenated, and Reset empties the file in place.
func TestFragmentJournal(t *testing.T) {
	s := newStore(t)
	j := openJournal(t, s)
	for k, p := range []string{"abc", "de", "f"} {
		if err := j.Append(uint16(k+1), 5, p); err != nil {
			t.Fatal(err)
		}
	}
	j2 := openJournal(t, s)
	wantProgress(t, j2, 3, 5, 6)
	if got, err := j2.Contents(); got != "abcdef" || err != nil {
		t.Fatalf("contents %q, %v", got, err)
	}
	path, _ := s.FragmentsPath("bob")
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("journal %v, %v; want mode 0600", info, err)
	}
	if err := j2.Reset(); err != nil {
		t.Fatal(err)
	}
	wantProgress(t, j, 0, 0, 0) // the other handle sees the change
	if data := readAll(t, path); len(data) != 0 {
		t.Fatalf("after Reset the journal holds %q", data)
	}
	if j3, err := s.ExistingFragments("bob"); j3 != nil || err != nil {
		t.Fatalf("ExistingFragments on an empty journal: %v, %v", j3, err)
	}
}

// TestFragmentJournalTorn: a record cut short by a kill, or garbage, is
// cut off at the next open; the pieces before it are kept.
func TestFragmentJournalTorn(t *testing.T) {
	for _, tail := range []string{"3 5 10\nabc", "3 5", "3 5 2\nxyz\n", "4 5 1\nx\n", "3 6 1\nx\n", "garbage\n"} {
		s := newStore(t)
		j := openJournal(t, s)
		j.Append(1, 5, "abc")
		j.Append(2, 5, "de")
		path, _ := s.FragmentsPath("bob")
		good := readAll(t, path)
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(tail)
		f.Close()
		j2 := openJournal(t, s)
		wantProgress(t, j2, 2, 5, 5)
		if got := readAll(t, path); string(got) != string(good) {
			t.Fatalf("tail %q: file %q, want %q", tail, got, good)
		}
		if err := j2.Append(3, 5, "f"); err != nil {
			t.Fatal(err)
		}
		if got, _ := j2.Contents(); got != "abcdef" {
			t.Fatalf("tail %q: contents %q", tail, got)
		}
	}
}

// TestFragmentJournalBounds: pieces out of order or beyond the size bound
// are refused; a file without the magic line counts as empty.
func TestFragmentJournalBounds(t *testing.T) {
	s := newStore(t)
	j := openJournal(t, s)
	if err := j.Append(2, 5, "x"); !errors.Is(err, ErrJournal) {
		t.Fatalf("piece 2 first: %v", err)
	}
	j.Append(1, 5, strings.Repeat("A", otr.MaxReassembled-1))
	if err := j.Append(2, 5, "BB"); !errors.Is(err, ErrJournal) {
		t.Fatalf("beyond the bound: %v", err)
	}
	path, _ := s.FragmentsPath("bob")
	os.WriteFile(path, []byte("1 5 3\nabc\n"), 0o600)
	wantProgress(t, openJournal(t, s), 0, 0, 0)
}

// TestFragmentJournalRefusesLinks: a symlink, a FIFO and a file open to
// others are refused, and nothing is written through them. (A hard-linked
// file is copied instead: TestFragmentJournalHardLinkedBackup.)
func TestFragmentJournalRefusesLinks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		plant func(path, victim string) error
	}{
		{"symlink", func(path, victim string) error { return os.Symlink(victim, path) }},
		{"dangling symlink", func(path, victim string) error { return os.Symlink(victim+".new", path) }},
		{"fifo", func(path, victim string) error { return mkfifo(path) }},
		{"mode 0644", func(path, victim string) error { return os.WriteFile(path, nil, 0o644) }},
	} {
		s := newStore(t)
		victim := filepath.Join(t.TempDir(), "victim")
		os.WriteFile(victim, []byte("precious"), 0o600)
		path, _ := s.FragmentsPath("bob")
		os.MkdirAll(filepath.Dir(path), 0o700)
		if err := tc.plant(path, victim); err != nil {
			t.Fatal(err)
		}
		j, err := s.OpenFragments("bob")
		if err == nil {
			j.Close()
			t.Fatalf("%s: opened", tc.name)
		}
		var pe *PermissionError
		if !errors.Is(err, ErrJournal) && !errors.As(err, &pe) {
			t.Fatalf("%s: %v, want ErrJournal or a PermissionError", tc.name, err)
		}
		if got := readAll(t, victim); string(got) != "precious" {
			t.Fatalf("%s: the victim now holds %q", tc.name, got)
		}
		if _, err := os.Lstat(victim + ".new"); err == nil {
			t.Fatalf("%s: a file was created through the symlink", tc.name)
		}
	}
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestFragmentJournalHardLinkedBackup: a `cp -al` backup shares the
// journal's inode; the next open copies the journal to a file of its own
// (recv goes on, the pieces kept), and nothing after reaches the backup.
func TestFragmentJournalHardLinkedBackup(t *testing.T) {
	s := newStore(t)
	j := openJournal(t, s)
	j.Append(1, 3, "abc")
	path, _ := s.FragmentsPath("bob")
	backup := path + ".backup"
	if err := os.Link(path, backup); err != nil {
		t.Fatal(err)
	}
	before := readAll(t, backup)
	j2, err := s.OpenFragments("bob") // the old code refused: 2 hard links
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	wantProgress(t, j2, 1, 3, 3)
	if err := j2.Append(2, 3, "de"); err != nil {
		t.Fatal(err)
	}
	if got, _ := j2.Contents(); got != "abcde" {
		t.Fatalf("contents %q", got)
	}
	if err := j2.Reset(); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, backup); string(got) != string(before) {
		t.Fatalf("the backup now holds %q, want %q", got, before)
	}
	st1, _ := os.Stat(path)
	st2, _ := os.Stat(backup)
	if os.SameFile(st1, st2) {
		t.Fatal("the journal still shares the backup's inode")
	}
	if e, err := s.ExistingFragments("bob"); e != nil || err != nil {
		t.Fatalf("ExistingFragments after Reset: %v, %v", e, err)
	}
}

// TestFragmentJournalOpenDuringBackup: a journal held open (a long-running
// recv) when a `cp -al` backup is made, or when another process copied it
// away from one, follows the journal's name: its appends and its Reset
// never reach the backup's file, and both handles see the same pieces.
func TestFragmentJournalOpenDuringBackup(t *testing.T) {
	s := newStore(t)
	j := openJournal(t, s)
	if err := j.Append(1, 4, "abc"); err != nil {
		t.Fatal(err)
	}
	path, _ := s.FragmentsPath("bob")
	backup := path + ".backup"
	if err := os.Link(path, backup); err != nil {
		t.Fatal(err)
	}
	before := readAll(t, backup)
	if err := j.Append(2, 4, "de"); err != nil { // the old code wrote into the backup
		t.Fatal(err)
	}
	other := openJournal(t, s) // another process
	wantProgress(t, other, 2, 4, 5)
	if err := other.Append(3, 4, "f"); err != nil {
		t.Fatal(err)
	}
	if got, err := j.Contents(); got != "abcdef" || err != nil {
		t.Fatalf("contents %q, %v", got, err)
	}
	if err := j.Reset(); err != nil { // the old code truncated the backup
		t.Fatal(err)
	}
	wantProgress(t, other, 0, 0, 0)
	if got := readAll(t, backup); string(got) != string(before) {
		t.Fatalf("the backup now holds %q, want %q", got, before)
	}
}
