package state

import "golang.org/x/sys/unix"

// mountID is the unique id of the mount d is on: never given to another
// mount in the same boot (Linux 6.8 and later); 0 where the kernel has
// none (the older, reusable ids would not tell a mount from the next).
func (d *dir) mountID() uint64 {
	var st unix.Statx_t
	err := unix.Statx(d.fd, "", unix.AT_EMPTY_PATH|unix.AT_STATX_DONT_SYNC, unix.STATX_MNT_ID_UNIQUE, &st)
	if err != nil || st.Mask&unix.STATX_MNT_ID_UNIQUE == 0 {
		return 0
	}
	return st.Mnt_id
}
