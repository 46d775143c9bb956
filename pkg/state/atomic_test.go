package state

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestKillBetweenWriteAndRenameKeepsOldState(t *testing.T) {
	s := newStore(t)
	if err := increment(s, "shared peer"); err != nil {
		t.Fatal(err)
	}
	path, _ := s.PeerPath("shared peer")
	before, _ := os.ReadFile(path)

	marker := filepath.Join(t.TempDir(), "at-rename")
	cmd := helper(t, s, "save", HangBeforeRenameEnv+"="+marker)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, marker)
	tmp, _ := os.ReadFile(marker)
	if _, err := os.Stat(string(tmp)); err != nil {
		t.Fatalf("the temp file should exist while the save hangs: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatalf("the peer file changed although the save never renamed")
	}
	if got := count(t, s); got != 1 {
		t.Errorf("count = %d, want the old 1", got)
	}
	names, err := s.Peers()
	if err != nil || strings.Join(names, ",") != "shared peer" {
		t.Errorf("Peers() = %q, %v: the leftover temp file must be ignored", names, err)
	}
	if err := increment(s, "shared peer"); err != nil || count(t, s) != 2 {
		t.Errorf("a later save should work: %v", err)
	}
}

func waitFor(t *testing.T, path string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	t.Fatalf("%s never appeared", path)
}

func TestSaveReplacesWholeFile(t *testing.T) {
	s := newStore(t)
	var seen []string
	beforeRename = func(tmp string) { seen = append(seen, tmp) }
	defer func() { beforeRename = nil }()
	if err := increment(s, "shared peer"); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || filepath.Dir(seen[0]) != filepath.Join(s.Dir, peersDir) {
		t.Fatalf("temp files %q: want one, in the peers directory", seen)
	}
	if _, err := os.Stat(seen[0]); !os.IsNotExist(err) {
		t.Errorf("temp file %s left behind", seen[0])
	}
}

// TestAtomicReplaceKeepsNoOldContent: saves replace the file whole and
// leave nothing beside it (old content may be old session keys).
func TestAtomicReplaceKeepsNoOldContent(t *testing.T) {
	d, err := makeDir(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	path := d.join("peer.toml")
	for i, content := range []string{"first secret", "second secret", "third"} {
		if err := d.writeAtomic("peer.toml", []byte(content)); err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Fatalf("save %d: file holds %q", i, got)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != fileMode {
			t.Fatalf("save %d: mode %v (%v)", i, fi.Mode(), err)
		}
		if entries, _ := os.ReadDir(d.path); len(entries) != 1 {
			t.Fatalf("save %d left %d files, want only peer.toml", i, len(entries))
		}
	}
}
