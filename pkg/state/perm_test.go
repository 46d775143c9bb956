package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRefusesStateOthersCanAccess(t *testing.T) {
	tests := []struct {
		name  string
		path  func(s *Store) string
		mode  os.FileMode
		check func(s *Store) error
	}{
		{"dir readable", func(s *Store) string { return s.Dir }, 0o755,
			func(s *Store) error { _, err := Open(s.Dir); return err }},
		{"identity readable", func(s *Store) string { return s.IdentityPath() }, 0o644,
			func(s *Store) error { _, err := s.LoadIdentity(); return err }},
		{"peer writable by group", peerPathOf("p q"), 0o620,
			func(s *Store) error { _, err := s.LoadPeer("p q"); return err }},
		{"peers dir", func(s *Store) string { return filepath.Join(s.Dir, peersDir) }, 0o750,
			func(s *Store) error { _, err := s.BeginPeer("p q"); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			if err := s.SavePeer(NewPeer("p q")); err != nil {
				t.Fatal(err)
			}
			path := tc.path(s)
			if err := os.Chmod(path, tc.mode); err != nil {
				t.Fatal(err)
			}
			var pe *PermissionError
			err := tc.check(s)
			if !errors.As(err, &pe) || pe.Path != path {
				t.Fatalf("err = %v, want a PermissionError for %s", err, path)
			}
			if !strings.Contains(pe.Fix(), "chmod 0") || !strings.HasSuffix(pe.Fix(), path) {
				t.Errorf("Fix() = %q", pe.Fix())
			}
		})
	}
}

func peerPathOf(name string) func(s *Store) string {
	return func(s *Store) string { p, _ := s.PeerPath(name); return p }
}

func TestCreatedFilesArePrivate(t *testing.T) {
	old := setUmask(0)
	defer setUmask(old)
	s := newStore(t)
	if err := s.SavePeer(NewPeer("x")); err != nil {
		t.Fatal(err)
	}
	l, err := s.LockPeer("x")
	if err != nil {
		t.Fatal(err)
	}
	l.Unlock()
	pp, _ := s.PeerPath("x")
	for _, p := range []string{s.Dir, s.IdentityPath(), filepath.Dir(pp), pp, strings.TrimSuffix(pp, ".toml") + ".lock"} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %04o", p, info.Mode().Perm())
		}
	}
}
