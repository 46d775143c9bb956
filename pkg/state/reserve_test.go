package state

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/otrtool/otr/pkg/otr"
)

const (
	bootA = "0c6a8f3e-7b7d-4d6a-9a57-3b1e0b0f5a01"
	bootB = "5d1f0e22-92c4-4b7e-8f0e-6f2d7c9b1a02"
)

// onBoot makes the tests run on a system in boot id. The epoch is the
// boot id alone (one mount; TestEpoch has the mounts).
func onBoot(t *testing.T, id string) {
	t.Helper()
	oldBoot, oldEpoch := currentBoot, epochIn
	currentBoot = func() string { return id }
	epochIn = func(*dir) string { return id }
	t.Cleanup(func() { currentBoot, epochIn = oldBoot, oldEpoch })
}

// sessionPeer saves bob with an encrypted session of two key pairs, the
// first having sent 5 messages (a synced save: it reserves).
func sessionPeer(t *testing.T, s *Store) {
	t.Helper()
	p := NewPeer("bob")
	p.Session.MsgState = otr.MsgEncrypted
	p.Session.Keys.Sessions = []otr.SessionKeys{
		{OurKeyID: 1, TheirKeyID: 1, SendAES: otr.Bytes("k1"), SendCounter: 5},
		{OurKeyID: 2, TheirKeyID: 1, SendAES: otr.Bytes("k2"), SendCounter: 0},
	}
	p.Session.Keys.OldMACKeys = otr.Bytes("old mac keys to reveal")
	p.Touch(time.Now())
	if err := s.SavePeer(p); err != nil {
		t.Fatal(err)
	}
}

// storeWithSends is a store in bootA where bob sent n messages (unsynced)
// since his synced save, and the last counter sent.
func storeWithSends(t *testing.T, n int) (*Store, uint64) {
	t.Helper()
	onBoot(t, bootA)
	s := newStore(t)
	sessionPeer(t, s)
	var sent uint64
	for i := 0; i < n; i++ {
		sent, _ = sendStep(t, s, 1)
	}
	return s, sent
}

// sendStep is what a send does to the peer: one counter more, the old MAC
// keys revealed, the time of the message.
func sendStep(t *testing.T, s *Store, ctr uint64) (counter uint64, syncsDone int64) {
	t.Helper()
	before := syncs.Load()
	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	k := &tx.Peer.Session.Keys
	k.Sessions[0].SendCounter += ctr
	k.OldMACKeys = nil
	tx.Peer.Session.LastSent = time.Now().UTC()
	tx.Peer.Touch(time.Now())
	if err := tx.Save(); err != nil {
		t.Fatal(err)
	}
	return k.Sessions[0].SendCounter, syncs.Load() - before
}

func loadCounter(t *testing.T, s *Store) uint64 {
	t.Helper()
	p, err := s.LoadPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	return p.Session.Keys.Sessions[0].SendCounter
}

// TestSendsWithinTheReservationAreNotSynced: after a synced save, sends
// are written (a reader sees them) without a sync until the counter
// leaves the reservation; the save that leaves it is synced and reserves
// again.
func TestSendsWithinTheReservationAreNotSynced(t *testing.T) {
	onBoot(t, bootA)
	s := newStore(t)
	sessionPeer(t, s)
	for i := 0; i < 3; i++ {
		ctr, n := sendStep(t, s, 1)
		if n != 0 {
			t.Fatalf("send %d (counter %d) made %d syncs, want 0", i, ctr, n)
		}
		if got := loadCounter(t, s); got != ctr {
			t.Fatalf("the file has counter %d, want %d: the unsynced save was not written", got, ctr)
		}
	}
	// 8 now; reserved up to 5 + sendReserve.
	if ctr, n := sendStep(t, s, 5+sendReserve-8); n != 0 || ctr != 5+sendReserve {
		t.Fatalf("the last reserved counter %d made %d syncs", ctr, n)
	}
	if ctr, n := sendStep(t, s, 1); n != 2 {
		t.Fatalf("counter %d, past the reservation, made %d syncs, want 2", ctr, n)
	}
	if _, n := sendStep(t, s, 1); n != 0 {
		t.Fatalf("a send within the new reservation made %d syncs", n)
	}
}

// TestPowerCutResumesAfterTheReservation: unsynced sends never touch the
// peer file, only its sends file; in the same boot the sends file is the
// peer. A power cut may lose or keep any version of the sends file: in the
// new boot it is ignored, and the peer file's counters resume after what
// it reserved, above every counter sent.
func TestPowerCutResumesAfterTheReservation(t *testing.T) {
	onBoot(t, bootA)
	s := newStore(t)
	sessionPeer(t, s)
	path, _ := s.PeerPath("bob")
	synced, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sent uint64
	for i := 0; i < 100; i++ {
		sent, _ = sendStep(t, s, 1)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, synced) {
		t.Fatal("unsynced sends rewrote the peer file")
	}
	if got := loadCounter(t, s); got != sent {
		t.Fatalf("same boot: counter %d, want the last sent %d", got, sent)
	}
	sends := strings.TrimSuffix(path, ".toml") + ".sent"
	if err := os.Rename(sends, sends+".aside"); err != nil {
		t.Fatal(err)
	}
	if got := loadCounter(t, s); got != 5 {
		t.Fatalf("same boot, no sends file: counter %d, want 5 (this test could not fail)", got)
	}
	if err := os.Rename(sends+".aside", sends); err != nil {
		t.Fatal(err)
	}
	onBoot(t, bootB)
	if got := loadCounter(t, s); got <= sent {
		t.Fatalf("after the power cut the counter is %d, at or below %d already sent", got, sent)
	}
	ctr, n := sendStep(t, s, 1)
	if ctr <= sent || n != 2 {
		t.Fatalf("the first send after the power cut: counter %d (%d syncs), want above %d and synced", ctr, n, sent)
	}
	if _, err := os.Stat(sends); !os.IsNotExist(err) {
		t.Errorf("the sends file outlived a synced save: %v", err)
	}
	p, err := s.LoadPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	if p.Session.Keys.Sessions[1].SendCounter != sendReserve {
		t.Errorf("the other session resumed at %d, want its reservation %d", p.Session.Keys.Sessions[1].SendCounter, sendReserve)
	}
}

// TestSendsFileOverAnotherPeerFile: a sends file is ignored over any peer
// file but the one it names (a synced save whose removal of it was lost,
// a peer file put back by hand), and when it is not one at all; the peer
// file then resumes past its reservation, as it cannot tell what the
// sends file held.
func TestSendsFileOverAnotherPeerFile(t *testing.T) {
	onBoot(t, bootA)
	s := newStore(t)
	sessionPeer(t, s)
	path, _ := s.PeerPath("bob")
	sends := strings.TrimSuffix(path, ".toml") + ".sent"
	for i := 0; i < 3; i++ {
		sendStep(t, s, 1)
	}
	stale, err := os.ReadFile(sends)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	tx.Peer.Session.Keys.Sessions[0].SendCounter = 2000 // past the reservation: synced
	if err := tx.Save(); err != nil {
		t.Fatal(err)
	}
	tx.Close()
	for name, content := range map[string][]byte{
		"stale":      stale,
		"garbage":    []byte("\x00\xff not a sends file"),
		"no header":  stale[bytes.IndexByte(stale, '\n')+1:],
		"empty file": nil,
	} {
		writeRaw(t, sends, content)
		if got := loadCounter(t, s); got != 2000+sendReserve {
			t.Errorf("%s sends file: counter %d, want the peer file's reservation %d", name, got, 2000+sendReserve)
		}
	}
}

// TestOldFilesAndOtherSystemsAreSynced: a file without a boot id (an older
// otr) resumes where it is (it was synced), and its first save is synced;
// without a boot id every save is.
func TestOldFilesAndOtherSystemsAreSynced(t *testing.T) {
	for _, c := range []struct {
		name string
		boot string
	}{{"no boot id", ""}} {
		t.Run(c.name, func(t *testing.T) {
			onBoot(t, c.boot)
			s := newStore(t)
			sessionPeer(t, s)
			for i := 0; i < 3; i++ {
				if _, n := sendStep(t, s, 1); n != 2 {
					t.Fatalf("send %d made %d syncs, want 2", i, n)
				}
			}
			if got := loadCounter(t, s); got != 8 {
				t.Fatalf("counter %d, want 8", got)
			}
		})
	}
	onBoot(t, "") // writes what an older otr wrote: no boot id, no reservations
	s := newStore(t)
	sessionPeer(t, s)
	path, _ := s.PeerPath("bob")
	if data, _ := os.ReadFile(path); strings.Contains(string(data), "boot") || strings.Contains(string(data), "reserved") {
		t.Fatalf("without a boot id the file has a boot id or reservations:\n%s", data)
	}
	onBoot(t, bootA)
	if got := loadCounter(t, s); got != 5 {
		t.Fatalf("an old file resumed at %d, want 5", got)
	}
	if _, n := sendStep(t, s, 1); n != 2 {
		t.Fatalf("the first send on an old file made %d syncs, want 2", n)
	}
	if _, n := sendStep(t, s, 1); n != 0 {
		t.Fatalf("the second made %d syncs, want 0", n)
	}
}

// TestOnlySendsSkipTheSync: a change of any saved field other than a send
// counter within its reservation, the time of the last message and of
// the last activity is synced; those alone are not.
func TestOnlySendsSkipTheSync(t *testing.T) {
	onBoot(t, bootA)
	unsynced := map[string]bool{
		"peer.Session.Keys.Sessions[0].SendCounter": true,
		"peer.Session.LastSent":                     true,
		"peer.LastSeen":                             true,
	}
	base := NewPeer("bob")
	leaves(reflect.ValueOf(base).Elem(), "peer", map[string]func(){}, true)
	base.Name = "bob"
	base.Version = FormatVersion
	base.Known[0].Trust = TrustSMP
	mutations := map[string]func(){}
	leaves(reflect.ValueOf(deepCopy(base)).Elem(), "peer", mutations, false)
	for path := range mutations {
		if path == "peer.Name" || path == "peer.Version" || path == "peer.Known[0].Trust" {
			continue // not loadable
		}
		if path == "peer.Boot" || strings.HasPrefix(path, "peer.Reserved") {
			continue // the store's own: a save sets them (TestReservationIsTheStores)
		}
		s := newStore(t)
		if err := s.SavePeer(deepCopy(base)); err != nil {
			t.Fatal(err)
		}
		tx, err := s.BeginPeer("bob")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]func(){}
		leaves(reflect.ValueOf(tx.Peer).Elem(), "peer", m, false)
		m[path]()
		before := syncs.Load()
		if err := tx.Save(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		tx.Close()
		if got, want := syncs.Load()-before, int64(2); unsynced[path] != (got == 0) || got != 0 && got != want {
			t.Errorf("changing %s made %d syncs", path, got)
		}
	}
}

func writeRaw(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestReservationIsTheStores: the boot id and the reservations are set by
// the save, whatever a step put there.
func TestReservationIsTheStores(t *testing.T) {
	onBoot(t, bootA)
	s := newStore(t)
	sessionPeer(t, s)
	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	tx.Peer.Boot = bootB
	tx.Peer.Reserved = []Reservation{{1, 1, 1 << 60}}
	tx.Peer.Session.Keys.Sessions[0].SendCounter = 7
	if err := tx.Save(); err != nil {
		t.Fatal(err)
	}
	tx.Close()
	p, err := s.LoadPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	want := []Reservation{{1, 1, 7 + sendReserve}, {2, 1, sendReserve}}
	if p.Boot != bootA || !reflect.DeepEqual(p.Reserved, want) {
		t.Errorf("saved boot %q, reservations %v; want %q, %v", p.Boot, p.Reserved, bootA, want)
	}
}

// TestBootID: the system's boot id is read as the UUID it is; anything
// else is no boot id.
func TestBootID(t *testing.T) {
	if _, err := os.Stat(bootIDPath); err == nil {
		if id := readBootID(); id == "" {
			t.Errorf("%s exists but gave no boot id", bootIDPath)
		}
	}
	for in, want := range map[string]string{
		bootA + "\n":                        bootA,
		bootA:                               bootA,
		bootA[:35]:                          "",
		bootA + "0":                         "",
		"":                                  "",
		strings.Replace(bootA, "-", "x", 1): "",
		strings.Replace(bootA, "c", "-", 1): "",
		strings.Replace(bootA, "0", "g", 1): "",
	} {
		if got := validBootID(in); got != want {
			t.Errorf("validBootID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCommit: a step that only records activity saves nothing and leaves
// the times as loaded; a change saves, after ready; a failing ready saves
// nothing; a new peer is saved only when forced; a fingerprint's
// last_seen is a change (only the peer's own activity times are not).
func TestCommit(t *testing.T) {
	onBoot(t, bootA)
	s := newStore(t)
	commit := func(force bool, change func(*Peer), ready func() error) (bool, *Peer) {
		t.Helper()
		tx, err := s.BeginPeer("bob")
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Close()
		if change != nil {
			change(tx.Peer)
		}
		saved, err := tx.Commit(time.Now().Add(time.Hour), force, ready)
		if err != nil && ready == nil {
			t.Fatal(err)
		}
		return saved, tx.Peer
	}
	if saved, _ := commit(false, nil, nil); saved {
		t.Fatal("a new peer nothing changed was saved")
	}
	if saved, _ := commit(true, nil, nil); !saved {
		t.Fatal("a new peer was not saved when forced")
	}
	path, _ := s.PeerPath("bob")
	before, _ := os.ReadFile(path)
	loaded, err := s.LoadPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	saved, p := commit(false, nil, nil)
	if after, _ := os.ReadFile(path); saved || !bytes.Equal(before, after) {
		t.Fatal("a step that changed nothing saved")
	}
	if !p.LastSeen.Equal(loaded.LastSeen) {
		t.Error("the activity time of an unsaved step stayed set")
	}
	addKnown := func(p *Peer) { p.See([]byte("fingerprint"), time.Now()) }
	if saved, _ := commit(false, addKnown, func() error { return errors.New("display gone") }); saved {
		t.Fatal("saved although ready failed")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("a failed ready changed the file")
	}
	readied := false
	if saved, _ := commit(false, addKnown, func() error { readied = true; return nil }); !saved || !readied {
		t.Fatalf("a change: saved %v, ready called %v", saved, readied)
	}
	seen := func(p *Peer) { p.Known[0].LastSeen = p.Known[0].LastSeen.Add(time.Minute) }
	if saved, _ := commit(false, seen, nil); !saved {
		t.Fatal("a fingerprint's last_seen was not saved")
	}
}
