package state

import (
	"os"
	"testing"
)

// onMount is onBoot with the real epoch: boot id bootA and the file
// system mounted with id *mount.
func onMount(t *testing.T, mount *uint64) {
	t.Helper()
	onBoot(t, bootA)
	oldEpoch, oldMount := epochIn, mountIDIn
	epochIn = (*dir).epoch
	mountIDIn = func(*dir) uint64 { return *mount }
	t.Cleanup(func() { epochIn, mountIDIn = oldEpoch, oldMount })
}

// TestRemountResumesAfterTheReservation: a disk pulled out with unsynced
// sends in the page cache, then mounted again in the same boot, brings
// back the last synced file, as a power cut does; with a new mount id its
// counters resume after what it reserved, above every counter sent.
func TestRemountResumesAfterTheReservation(t *testing.T) {
	mount := uint64(5)
	onMount(t, &mount)
	s := newStore(t)
	sessionPeer(t, s)
	path, _ := s.PeerPath("bob")
	synced, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sent uint64
	for i := 0; i < 10; i++ {
		var n int64
		if sent, n = sendStep(t, s, 1); n != 0 {
			t.Fatalf("send %d made %d syncs: this test could not fail", i, n)
		}
	}
	writeRaw(t, path, synced) // what the disk held when it was pulled out
	mount = 6                 // mounted again, same boot
	if got := loadCounter(t, s); got <= sent {
		t.Fatalf("after the remount the counter is %d, at or below %d already sent", got, sent)
	}
	if ctr, n := sendStep(t, s, 1); ctr <= sent || n != 2 {
		t.Fatalf("the first send after the remount: counter %d (%d syncs), want above %d and synced", ctr, n, sent)
	}
}

// TestEpoch: the epoch is the boot id and the mount id; without either
// there is none, and every save is synced.
func TestEpoch(t *testing.T) {
	mount := uint64(5)
	onMount(t, &mount)
	s := newStore(t)
	d, err := s.root()
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	five := d.epoch()
	mount = 6
	if six := d.epoch(); five == six || five != bootA+"/5" {
		t.Errorf("epochs of mounts 5 and 6: %q, %q", five, six)
	}
	mount = 0
	if e := d.epoch(); e != "" {
		t.Errorf("no mount id, epoch %q", e)
	}
	mount = 5
	currentBoot = func() string { return "" }
	if e := d.epoch(); e != "" {
		t.Errorf("no boot id, epoch %q", e)
	}
	sessionPeer(t, s)
	if _, n := sendStep(t, s, 1); n != 2 {
		t.Errorf("a send without an epoch made %d syncs, want 2", n)
	}
}
