package state

import (
	"bytes"
	"strconv"

	"golang.org/x/sys/unix"
)

// renameOrderedIn is (*dir).renameOrdered; tests replace it.
var renameOrderedIn = (*dir).renameOrdered

// renameOrdered reports whether the file system of d commits a rename
// that replaces a file only after the new file's data, so that a power cut
// without a sync leaves the old or the new content, never an empty file:
// ext3/ext4 with a journal in data=ordered mode (with auto_da_alloc, the
// default) or data=journal mode, btrfs (its flush on rename over a file),
// ZFS (ordered transaction groups), and tmpfs, which a power cut empties
// anyway. Anything else (ext2, ext4 without a journal or in
// data=writeback mode, XFS, NFS, FUSE, …) is always synced.
func (d *dir) renameOrdered() bool {
	var st unix.Statfs_t
	if err := unix.Fstatfs(d.fd, &st); err != nil {
		return false
	}
	switch uint64(st.Type) {
	case unix.BTRFS_SUPER_MAGIC, unix.TMPFS_MAGIC, zfsMagic:
		return true
	case unix.EXT4_SUPER_MAGIC:
		return d.extOrdered()
	}
	return false
}

// zfsMagic is OpenZFS's f_type on Linux.
const zfsMagic = 0x2fc12fc1

// extOrdered reports whether d's ext2/3/4 file system (they share one
// f_type) orders renames after data. Only its mount options say: the ext4
// driver, which mounts all three, lists every one of them in
// /proc/fs/ext4/DEV/options, DEV being the block device's kernel name
// (the last part of /sys/dev/block/MAJOR:MINOR). Anything unreadable (an
// old kernel's ext3 driver, a container without /proc or /sys) is
// unordered.
func (d *dir) extOrdered() bool {
	var st unix.Stat_t
	if err := unix.Fstat(d.fd, &st); err != nil {
		return false
	}
	dev := strconv.FormatUint(uint64(unix.Major(st.Dev)), 10) + ":" + strconv.FormatUint(uint64(unix.Minor(st.Dev)), 10)
	var link [256]byte
	n, err := unix.Readlink("/sys/dev/block/"+dev, link[:])
	if err != nil || n <= 0 || n == len(link) {
		return false
	}
	name := link[bytes.LastIndexByte(link[:n], '/')+1 : n]
	if len(name) == 0 || name[0] == '.' {
		return false
	}
	var buf [4096]byte
	opts, ok := readSmallFile("/proc/fs/ext4/"+string(name)+"/options", buf[:])
	return ok && extOptionsOrdered(opts)
}

// extOptionsOrdered reads the ext4 driver's list of mount options (one a
// line). data=ordered or data=journal is listed only when there is a
// journal (ext2, and ext4 made without one, list no data= at all);
// data=ordered orders a rename over a file after the new file's data only
// through auto_da_alloc, unless blocks are allocated at write time
// (nodelalloc).
func extOptionsOrdered(opts []byte) bool {
	has := func(opt string) bool {
		for line := range bytes.SplitSeq(opts, []byte{'\n'}) {
			if string(line) == opt {
				return true
			}
		}
		return false
	}
	switch {
	case has("data=journal"):
		return true
	case has("data=ordered"):
		return has("auto_da_alloc") || has("nodelalloc")
	}
	return false
}

// readSmallFile reads a file of /proc into buf through a bare descriptor;
// ok is false if it cannot be read whole.
func readSmallFile(path string, buf []byte) (data []byte, ok bool) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	total := 0
	for total < len(buf) {
		n, err := unix.Read(fd, buf[total:])
		if err == unix.EINTR {
			continue
		}
		if err != nil || n < 0 {
			return nil, false
		}
		if n == 0 {
			return buf[:total], true
		}
		total += n
	}
	return nil, false
}
