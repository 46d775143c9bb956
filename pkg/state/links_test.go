package state

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// savedPeer makes a store with one saved peer "bob" and returns its path.
func savedPeer(t *testing.T) (*Store, string) {
	t.Helper()
	s := newStore(t)
	if err := increment(s, "bob"); err != nil {
		t.Fatal(err)
	}
	path, _ := s.PeerPath("bob")
	return s, path
}

// victim is a file outside the state that a planted link points to.
func victim(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "victim")
	content := []byte("not otr's to write\n")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, content
}

func assertUnchanged(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s now holds %q (%v), want it untouched", path, got, err)
	}
}

func TestSymlinkedStateFilesAreRefused(t *testing.T) {
	tests := []struct {
		name string
		link func(s *Store, peerFile string) string // the path to replace by a link
		use  func(s *Store) error
	}{
		{"identity", func(s *Store, _ string) string { return s.IdentityPath() },
			func(s *Store) error { _, err := s.LoadIdentity(); return err }},
		{"peer file", func(_ *Store, p string) string { return p },
			func(s *Store) error { _, err := s.LoadPeer("bob"); return err }},
		{"peers dir", func(s *Store, _ string) string { return filepath.Join(s.Dir, peersDir) },
			func(s *Store) error { return increment(s, "bob") }},
		{"state dir", func(s *Store, _ string) string { return s.Dir },
			func(s *Store) error { _, err := Open(s.Dir); return err }},
		{"identity lock", func(s *Store, _ string) string { return filepath.Join(s.Dir, identityLock) },
			func(s *Store) error { _, err := s.BeginPeer("bob"); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, peerFile := savedPeer(t)
			path := tc.link(s, peerFile)
			real := path + ".real"
			if err := os.Rename(path, real); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(real, path); err != nil {
				t.Fatal(err)
			}
			err := tc.use(s)
			var se *SymlinkError
			if !errors.As(err, &se) || se.Path != path {
				t.Fatalf("err = %v, want a SymlinkError for %s", err, path)
			}
			if !strings.Contains(se.Hint(), "link") {
				t.Errorf("hint %q", se.Hint())
			}
		})
	}
}

// TestSymlinkedStateDirWithSlashIsRefused: "link/" and "link/." make the
// kernel follow the link despite O_NOFOLLOW; they are refused like "link".
func TestSymlinkedStateDirWithSlashIsRefused(t *testing.T) {
	s, _ := savedPeer(t)
	link := s.Dir + ".link"
	if err := os.Symlink(s.Dir, link); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{link + "/", link + "/."} {
		_, err := Open(dir)
		var se *SymlinkError
		if !errors.As(err, &se) {
			t.Errorf("Open(%q) = %v, want a SymlinkError", dir, err)
		}
		if _, err := (&Store{Dir: dir}).LoadPeer("bob"); !errors.As(err, &se) {
			t.Errorf("LoadPeer through %q = %v, want a SymlinkError", dir, err)
		}
	}
}

// TestPlantedTempLinkIsNotFollowed: a symlink planted at the temp file's
// name (the old code opened it O_CREAT|O_TRUNC by path) redirects nothing.
func TestPlantedTempLinkIsNotFollowed(t *testing.T) {
	s, path := savedPeer(t)
	target, content := victim(t)
	tmp := filepath.Join(filepath.Dir(path), tempName(filepath.Base(path)))
	if err := os.Symlink(target, tmp); err != nil {
		t.Fatal(err)
	}
	if err := increment(s, "bob"); err != nil {
		t.Fatal(err)
	}
	assertUnchanged(t, target, content)
	if countOf(t, s, "bob") != 2 {
		t.Error("the save did not happen")
	}
	if _, err := os.Lstat(tmp); !os.IsNotExist(err) {
		t.Errorf("the planted link is still there (%v)", err)
	}
}

// TestNoLockCreatedThroughDanglingLink: a dangling symlink at a lock
// file's name must not create its target.
func TestNoLockCreatedThroughDanglingLink(t *testing.T) {
	s := newStore(t)
	if err := os.Mkdir(filepath.Join(s.Dir, peersDir), 0o700); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "created-by-otr")
	lock := filepath.Join(s.Dir, peersDir, "bob.lock")
	if err := os.Symlink(target, lock); err != nil {
		t.Fatal(err)
	}
	_, err := s.LockPeer("bob")
	var se *SymlinkError
	if !errors.As(err, &se) {
		t.Errorf("err = %v, want a SymlinkError", err)
	}
	if _, err := os.Lstat(target); !os.IsNotExist(err) {
		t.Errorf("the lock was created through the link (%v)", err)
	}
}

// TestHardLinkedBackupKeepsItsContent: `cp -al` backups share inodes with
// the state; a save must leave the backup's content as it was.
func TestHardLinkedBackupKeepsItsContent(t *testing.T) {
	s, path := savedPeer(t)
	for _, p := range []string{path, s.IdentityPath()} {
		backup := p + ".backup"
		if err := os.Link(p, backup); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(backup)
		for i := 0; i < 3; i++ { // the old code emptied it on the 2nd save
			if err := increment(s, "bob"); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveIdentity(mustIdentity(t, s)); err != nil {
				t.Fatal(err)
			}
		}
		assertUnchanged(t, backup, before)
		if err := os.Remove(backup); err != nil {
			t.Fatal(err)
		}
	}
	if got := countOf(t, s, "bob"); got != 7 {
		t.Errorf("count = %d, want 7", got)
	}
}

func mustIdentity(t *testing.T, s *Store) *Identity {
	t.Helper()
	id, err := s.LoadIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestNonRegularStateFileIsRefused(t *testing.T) {
	s, path := savedPeer(t)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := s.LoadPeer("bob")
	var te *TypeError
	if !errors.As(err, &te) || te.Path != path {
		t.Errorf("err = %v, want a TypeError for %s", err, path)
	}
}
