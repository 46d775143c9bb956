package state

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// thisMachineExt4 is the ext4 driver's option list of a journal-less ext4
// (this project's machine), as in /proc/fs/ext4/DEV/options.
const thisMachineExt4 = "rw\nbsddf\nnogrpid\nblock_validity\ndioread_nolock\ndiscard\ndelalloc\n" +
	"nowarn_on_error\nnojournal_checksum\nbarrier\nauto_da_alloc\nuser_xattr\nacl\nnoquota\n" +
	"errors=continue\ncommit=5\nmin_batch_time=0\nmax_batch_time=15000\ni_version\nstripe=0\n"

// TestExtOptionsOrdered: of the ext2/3/4 file systems, only one with a
// journal in data=ordered mode (with auto_da_alloc or without delayed
// allocation) or in data=journal mode orders a rename after the data.
func TestExtOptionsOrdered(t *testing.T) {
	journaled := strings.Replace(thisMachineExt4, "stripe=0\n", "stripe=0\ndata=ordered\n", 1)
	for _, c := range []struct {
		name string
		opts string
		want bool
	}{
		{"no journal (ext4 -O ^has_journal)", thisMachineExt4, false},
		{"ext2", "rw\nerrors=continue\nuser_xattr\nacl\n", false},
		{"data=ordered", journaled, true},
		{"data=ordered, noauto_da_alloc", strings.Replace(journaled, "\nauto_da_alloc\n", "\nnoauto_da_alloc\n", 1), false},
		{"data=ordered, noauto_da_alloc, nodelalloc", strings.Replace(strings.Replace(journaled, "\nauto_da_alloc\n", "\nnoauto_da_alloc\n", 1), "\ndelalloc\n", "\nnodelalloc\n", 1), true},
		{"data=writeback", strings.Replace(journaled, "data=ordered", "data=writeback", 1), false},
		{"data=journal", strings.Replace(journaled, "data=ordered", "data=journal", 1), true},
		{"an option only named like one", strings.Replace(journaled, "data=ordered", "xdata=ordered", 1), false},
		{"empty", "", false},
	} {
		if got := extOptionsOrdered([]byte(c.opts)); got != c.want {
			t.Errorf("%s: ordered %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRenameOrderedReadsExtJournal: on an ext2/3/4 file system here, the
// answer follows the file system's own journal (as the kernel shows it in
// /sys/fs/ext4/DEV/journal_task), found through /proc/self/mountinfo,
// another way than renameOrdered's: without a journal renames are
// unordered.
func TestRenameOrderedReadsExtJournal(t *testing.T) {
	tmp := t.TempDir()
	if err := os.Chmod(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	d, err := openDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	var sfs unix.Statfs_t
	if err := unix.Fstatfs(d.fd, &sfs); err != nil || uint64(sfs.Type) != unix.EXT4_SUPER_MAGIC {
		t.Skip("the temp dir is not on ext2/3/4")
	}
	name := blockDeviceOf(t, tmp)
	task, err := os.ReadFile("/sys/fs/ext4/" + name + "/journal_task")
	if err != nil {
		t.Skipf("no journal_task for %s: %v", name, err)
	}
	opts, _ := os.ReadFile("/proc/fs/ext4/" + name + "/options")
	noJournal := strings.TrimSpace(string(task)) == "<none>"
	if got := d.renameOrdered(); noJournal && got {
		t.Errorf("%s has no journal, yet renames on it count as ordered (options:\n%s)", name, opts)
	} else if !noJournal && got != extOptionsOrdered(opts) {
		t.Errorf("%s: renameOrdered %v, its options say %v", name, got, !got)
	}
}

// blockDeviceOf is the kernel name of the block device holding path, from
// the mount table: the device of the longest mount point above path.
func blockDeviceOf(t *testing.T, path string) string {
	t.Helper()
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	info, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Skip(err)
	}
	want := fmt.Appendf(nil, "%d:%d", unix.Major(st.Dev), unix.Minor(st.Dev))
	for line := range bytes.SplitSeq(info, []byte{'\n'}) {
		f := bytes.Fields(line)
		if len(f) < 3 || !bytes.Equal(f[2], want) {
			continue
		}
		_, after, ok := bytes.Cut(line, []byte(" - "))
		if g := bytes.Fields(after); ok && len(g) >= 2 && bytes.HasPrefix(g[1], []byte("/dev/")) {
			if real, err := filepath.EvalSymlinks(string(g[1])); err == nil {
				return filepath.Base(real)
			}
		}
	}
	t.Skipf("no block device for %s in the mount table", want)
	return ""
}
