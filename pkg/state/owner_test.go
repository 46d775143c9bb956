package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// otherUID is a user that is not the one running the tests (nobody).
const otherUID = 65534

// needRoot skips where a test cannot give a file to another user: only
// root can chown. (This project's CI runs the tests as root.)
func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to chown a file to another user; run the tests as root to cover it")
	}
}

func TestStateOwnedByAnotherUserIsRefused(t *testing.T) {
	needRoot(t)
	tests := []struct {
		name string
		path func(s *Store, peerFile string) string
		use  func(s *Store) error
	}{
		{"state dir", func(s *Store, _ string) string { return s.Dir },
			func(s *Store) error { _, err := Open(s.Dir); return err }},
		{"identity", func(s *Store, _ string) string { return s.IdentityPath() },
			func(s *Store) error { _, err := s.BeginPeer("bob"); return err }},
		{"peers dir", func(s *Store, _ string) string { return filepath.Join(s.Dir, peersDir) },
			func(s *Store) error { _, err := s.LoadPeer("bob"); return err }},
		{"peer file", func(_ *Store, p string) string { return p },
			func(s *Store) error { return increment(s, "bob") }},
		{"peer lock", func(_ *Store, p string) string { return strings.TrimSuffix(p, ".toml") + ".lock" },
			func(s *Store) error { return increment(s, "bob") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, peerFile := savedPeer(t)
			path := tc.path(s, peerFile)
			if err := os.Chown(path, otherUID, otherUID); err != nil {
				t.Fatal(err)
			}
			err := tc.use(s)
			var oe *OwnerError
			if !errors.As(err, &oe) || oe.Path != path || oe.UID != otherUID {
				t.Fatalf("err = %v, want an OwnerError for %s", err, path)
			}
			if !strings.Contains(oe.Hint(), "chown") {
				t.Errorf("hint %q should say how to take the state back", oe.Hint())
			}
		})
	}
}

// TestRootOverAnotherUsersStateWritesNothing is the attack of issue 9
// point 6: root runs otr over a state directory that another user owns
// and has planted links in (the identity's temp file pointing at a file
// of root's). Nothing outside the directory may be written, and nothing
// inside either: the directory is refused before anything is opened in it.
func TestRootOverAnotherUsersStateWritesNothing(t *testing.T) {
	needRoot(t)
	s, peerFile := savedPeer(t)
	target, content := victim(t) // root's
	planted := []string{
		filepath.Join(s.Dir, tempName(identityFile)),
		filepath.Join(filepath.Dir(peerFile), tempName(filepath.Base(peerFile))),
	}
	for _, p := range planted {
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	err := filepath.Walk(s.Dir, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			err = os.Lchown(p, otherUID, otherUID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.LoadIdentity()
	var oe *OwnerError
	if !errors.As(err, &oe) || oe.Path != s.Dir {
		t.Fatalf("LoadIdentity: err = %v, want an OwnerError for the directory", err)
	}
	if err := s.SaveIdentity(NewIdentity(testKey, 0x12345678, time.Now())); !errors.As(err, &oe) {
		t.Errorf("SaveIdentity: err = %v, want an OwnerError", err)
	}
	if err := s.SavePeer(NewPeer("bob")); !errors.As(err, &oe) {
		t.Errorf("SavePeer: err = %v, want an OwnerError", err)
	}
	if err := increment(s, "bob"); !errors.As(err, &oe) {
		t.Errorf("a step: err = %v, want an OwnerError", err)
	}
	assertUnchanged(t, target, content)
}
