package state

import "golang.org/x/sys/unix"

// renameOrderedIn is (*dir).renameOrdered; tests replace it.
var renameOrderedIn = (*dir).renameOrdered

// renameOrdered reports whether the file system of d commits a rename
// that replaces a file only after the new file's data, so that a power cut
// without a sync leaves the old or the new content, never an empty file:
// ext3/ext4 in their default data=ordered mode (ext4's auto_da_alloc),
// btrfs (its flush on rename over a file), ZFS (ordered transaction
// groups), and tmpfs, which a power cut empties anyway. Anything else
// (XFS, NFS, FUSE, …) is always synced.
func (d *dir) renameOrdered() bool {
	var st unix.Statfs_t
	if err := unix.Fstatfs(d.fd, &st); err != nil {
		return false
	}
	switch uint64(st.Type) {
	case unix.EXT4_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.TMPFS_MAGIC, zfsMagic:
		return true
	}
	return false
}

// zfsMagic is OpenZFS's f_type on Linux.
const zfsMagic = 0x2fc12fc1
