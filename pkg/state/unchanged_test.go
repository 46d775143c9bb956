package state

import (
	"os"
	"syscall"
	"testing"
)

func inodeOf(t *testing.T, path string) uint64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// TestSaveOfAnUnchangedPeerWritesNothing: a step that changes nothing
// writes no file (the inode stays, no temp file is made); one that
// changes something writes; a new peer is always written.
func TestSaveOfAnUnchangedPeerWritesNothing(t *testing.T) {
	s := newStore(t)
	var renames int
	beforeRename = func(string) { renames++ }
	defer func() { beforeRename = nil }()

	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := tx.Changed(); err != nil || !changed {
		t.Errorf("a new peer: Changed() = %v, %v, want true", changed, err)
	}
	if err := tx.Save(); err != nil {
		t.Fatal(err)
	}
	if changed, _ := tx.Changed(); changed {
		t.Error("Changed() right after Save() = true")
	}
	tx.Close()
	path, _ := s.PeerPath("bob")
	ino := inodeOf(t, path)

	tx, err = s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Save(); err != nil {
		t.Fatal(err)
	}
	if renames != 1 || inodeOf(t, path) != ino {
		t.Errorf("an unchanged peer was written (%d saves)", renames)
	}
	tx.Peer.Session.Keys.OurKeyID++
	if changed, _ := tx.Changed(); !changed {
		t.Error("Changed() after a change = false")
	}
	if err := tx.Save(); err != nil {
		t.Fatal(err)
	}
	tx.Close()
	if renames != 2 || inodeOf(t, path) == ino || countOf(t, s, "bob") != 1 {
		t.Errorf("a changed peer was not written (%d saves)", renames)
	}
}
