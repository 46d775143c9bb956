package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fileID is what changes when a file is written or replaced.
type fileID struct {
	ino          uint64
	size         int64
	mtime, ctime syscall.Timespec
}

// dirIDs describes every file of a directory.
func dirIDs(t *testing.T, dir string) map[string]fileID {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]fileID{}
	for _, e := range entries {
		var st syscall.Stat_t
		if err := syscall.Stat(filepath.Join(dir, e.Name()), &st); err != nil {
			t.Fatal(err)
		}
		ids[e.Name()] = fileID{st.Ino, st.Size, st.Mtim, st.Ctim}
	}
	return ids
}

// otherInstance readdresses a v3 data message to an instance that is not
// ours: the receiver ignores it.
func otherInstance(t *testing.T, wire string) string {
	t.Helper()
	bin, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(wire), "?OTR:"), "."))
	if err != nil || len(bin) < 11 {
		t.Fatalf("not a one-line v3 message: %.60q", wire)
	}
	binary.BigEndian.PutUint32(bin[7:], binary.BigEndian.Uint32(bin[7:])^0x0101)
	return "?OTR:" + base64.StdEncoding.EncodeToString(bin) + "."
}

// TestUnchangedStepSavesNothing: a plaintext line, an ignored message and a
// refused one leave every file of the peers directory as it was: same
// inode, size, mtime and ctime (nothing written, renamed or synced). A
// plaintext send without a session creates no peer file at all.
func TestUnchangedStepSavesNothing(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	ignored := otherInstance(t, alice.send("for another instance"))
	// The first plaintext line is a change (saw_plaintext: no more
	// whitespace tags to this peer); the ones after it are not.
	bob.recv("first plain words\n")
	peers := filepath.Join(bob.dir, "peers")
	before := dirIDs(t, peers)
	content := readFile(t, bob.peerFile())
	r := bob.must("plain words\n"+ignored+"\n?OTR unknown marker\n", "--debug", "recv", "--peer", "alice")
	if got := strings.Join(r.kinds(), ","); !strings.Contains(got, "message,warning") || !strings.Contains(got, "debug") {
		t.Fatalf("events %s: want the plaintext message with its warning and the ignored message's debug", got)
	}
	r = bob.otr("?OTR:AAMD!!!!.\n", "recv", "--peer", "alice")
	if r.code != exitFailure {
		t.Fatalf("a malformed line: exit %d", r.code)
	}
	after := dirIDs(t, peers)
	if len(after) != len(before) {
		t.Fatalf("peers directory: %v, then %v", before, after)
	}
	for name, id := range before {
		if after[name] != id {
			t.Errorf("%s was written: %+v, then %+v", name, id, after[name])
		}
	}
	if !bytes.Equal(readFile(t, bob.peerFile()), content) {
		t.Error("the peer file's content changed")
	}
	// The test can see a save: a real message changes the file.
	bob.recv(alice.send("a real one"))
	if dirIDs(t, peers)[filepath.Base(bob.peerFile())] == before[filepath.Base(bob.peerFile())] {
		t.Fatal("a decrypted message did not save the peer")
	}

	carol := &party{t, alice.dir, "carol"}
	carol.must("", "query", "--peer", "carol") // how a new peer begins: its file is saved
	carolBefore := dirIDs(t, filepath.Join(alice.dir, "peers"))[filepath.Base(carol.peerFile())]
	if r := carol.must("hello carol\n", "send", "--peer", "carol"); r.stdout != "hello carol\n" {
		t.Fatalf("plaintext send printed %q", r.stdout)
	}
	if got := dirIDs(t, filepath.Join(alice.dir, "peers"))[filepath.Base(carol.peerFile())]; got != carolBefore {
		t.Errorf("a plaintext send without a session saved %s: %+v, then %+v", carol.peerFile(), carolBefore, got)
	}
}
