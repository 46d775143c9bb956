package state

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sendsOf is the path of bob's sends file.
func sendsOf(t *testing.T, s *Store) string {
	t.Helper()
	path, err := s.PeerPath("bob")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(path, ".toml") + sentSuffix
}

// TestPeerFileChangedUnderSends: in the epoch of unsynced sends, a peer
// file that is no longer the one the sends file names (edited by hand, or
// written by a synced save killed before it removed the sends file) is
// older than the sends, though of this epoch: its sessions resume past
// their reservations, never at a counter already sent.
func TestPeerFileChangedUnderSends(t *testing.T) {
	s, sent := storeWithSends(t, 3)
	path, _ := s.PeerPath("bob")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, path, append(data, "# a note added by hand\n"...))
	if got := loadCounter(t, s); got <= sent {
		t.Fatalf("peer file edited under the sends: counter %d, at or below %d already sent", got, sent)
	}
	ctr, _ := sendStep(t, s, 1)
	if ctr <= sent {
		t.Fatalf("the next send used counter %d, at or below %d already sent", ctr, sent)
	}
	if got := loadCounter(t, s); got != ctr {
		t.Fatalf("after a send over the edited file: counter %d, want %d", got, ctr)
	}
}

// TestSendsFileThatDoesNotDecode: a sends file over this peer file in
// this epoch that does not decode is ignored like a stale one (the peer
// file resumes past its reservation), not an error whose hint, moving it
// aside, would bring back the counters of the peer file.
func TestSendsFileThatDoesNotDecode(t *testing.T) {
	s, sent := storeWithSends(t, 3)
	sends := sendsOf(t, s)
	good, err := os.ReadFile(sends)
	if err != nil {
		t.Fatal(err)
	}
	header := good[:bytes.IndexByte(good, '\n')+1]
	for name, body := range map[string]string{
		"not TOML":     "= 3\n",
		"another peer": strings.Replace(string(good[len(header):]), `peer = "bob"`, `peer = "carol"`, 1),
	} {
		writeRaw(t, sends, append(append([]byte(nil), header...), body...))
		if got := loadCounter(t, s); got <= sent {
			t.Errorf("%s: counter %d, at or below %d already sent", name, got, sent)
		}
	}
}

// TestSyncedSaveRemovesTheSendsTemp: the temp file of an unsynced save
// killed before its rename holds the session keys of then; the next
// synced save removes it, as it removes its own.
func TestSyncedSaveRemovesTheSendsTemp(t *testing.T) {
	onBoot(t, bootA)
	s := newStore(t)
	sessionPeer(t, s)
	sendStep(t, s, 1)
	tmp := filepath.Join(filepath.Dir(sendsOf(t, s)), tempName("bob"+sentSuffix))
	writeRaw(t, tmp, []byte("session keys of a killed save"))
	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	tx.Peer.See([]byte("fingerprint"), time.Now()) // not a send: synced
	if err := tx.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(tmp); !os.IsNotExist(err) {
		t.Errorf("the temp file of a killed unsynced save outlived a synced save: %v", err)
	}
}

// TestSyncedSavesStartFromTheSends: a synced save after unsynced sends
// (trust through a step, an import through SavePeer under the peer's
// lock) starts from the sends file, so no counter goes back, and reserves
// from there.
func TestSyncedSavesStartFromTheSends(t *testing.T) {
	s, sent := storeWithSends(t, 3)
	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	tx.Peer.See([]byte("fingerprint"), time.Now())
	err = tx.Save()
	tx.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got := loadCounter(t, s); got != sent {
		t.Fatalf("after a step's synced save: counter %d, want %d", got, sent)
	}
	sent, _ = sendStep(t, s, 1)
	l, err := s.LockPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.LoadPeer("bob")
	if err == nil {
		p.Known[0].Trust = TrustHand
		err = s.SavePeer(p)
	}
	l.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(sendsOf(t, s)); !os.IsNotExist(err) {
		t.Fatalf("SavePeer left the sends file: %v", err)
	}
	if got := loadCounter(t, s); got != sent {
		t.Fatalf("after SavePeer: counter %d, want %d", got, sent)
	}
	onBoot(t, bootB)
	if got := loadCounter(t, s); got != sent+sendReserve {
		t.Fatalf("after a power cut: counter %d, want %d, the reservation of SavePeer", got, sent+sendReserve)
	}
}
