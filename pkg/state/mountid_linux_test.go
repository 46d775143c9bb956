package state

import (
	"testing"

	"golang.org/x/sys/unix"
)

// TestMountID: where the kernel gives unique mount ids, the state
// directory's is one (stable, not 0), and another mount's differs.
func TestMountID(t *testing.T) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, "/", 0, unix.STATX_MNT_ID_UNIQUE, &st); err != nil || st.Mask&unix.STATX_MNT_ID_UNIQUE == 0 {
		t.Skip("no unique mount ids (Linux before 6.8)")
	}
	s := newStore(t)
	d, err := s.root()
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	id := d.mountID()
	if id == 0 || d.mountID() != id {
		t.Fatalf("mount id %d, then %d", id, d.mountID())
	}
	// /proc is root's and 0555, which openDir refuses: opened bare.
	fd, err := unix.Open("/proc", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skip(err)
	}
	defer unix.Close(fd)
	other := (&dir{fd: fd, path: "/proc"}).mountID()
	if other == 0 || other == id {
		t.Errorf("/proc has mount id %d, the state directory %d", other, id)
	}
}
