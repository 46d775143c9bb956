package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otrtool/otr/pkg/state"
)

// TestRecvShowsBeforeSave: recv shows a message before it saves the step.
// A recv killed -9 inside its save (between write and rename) has shown
// the message and changed nothing; a recv whose save fails shows it again,
// with the same id, reports the failure and changes nothing; the next recv
// shows it again, same id, and saves; only then is the line a replay.
func TestRecvShowsBeforeSave(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	line := strings.TrimSpace(alice.send("shown before the save"))
	saved := readFile(t, bob.peerFile())

	// 1. Killed inside the save: shown, not saved.
	marker := filepath.Join(t.TempDir(), "marker")
	rp, err := startRecv(otrBinary(t), bob, []string{state.HangBeforeRenameEnv + "=" + marker})
	if err != nil {
		t.Fatal(err)
	}
	if err := rp.write(line); err != nil {
		t.Fatal(err)
	}
	if err := waitForFile(marker, rp.exited); err != nil {
		_, _ = rp.kill()
		t.Fatal(err)
	}
	events, err := rp.kill()
	if err != nil {
		t.Fatal(err)
	}
	first := outcomeOf(events)
	if first == nil || first["event"] != "message" || first["text"] != "shown before the save" {
		t.Fatalf("recv killed inside its save had shown %v, want the message", events)
	}
	id, _ := first["id"].(string)
	if len(id) != 24 {
		t.Fatalf("message id %q, want 24 hex digits", id)
	}
	if !bytes.Equal(readFile(t, bob.peerFile()), saved) {
		t.Fatal("the state changed although the save was killed before its rename")
	}

	// 2. The save fails: shown again (same id), an error, nothing saved.
	tmp := string(readFile(t, marker)) // the save's temp file, as the hook recorded it
	if err := os.Remove(tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(tmp, 0o700); err != nil { // a directory: the next save cannot write there
		t.Fatal(err)
	}
	r := bob.otr(line+"\n", "recv", "--peer", "alice")
	if m := r.event("message"); r.code != exitFailure || m == nil || m["id"] != id || r.event("error") == nil {
		t.Fatalf("with a failing save: exit %d, events %v; want the message with id %s, an error, exit 1", r.code, r.events, id)
	}
	if !bytes.Equal(readFile(t, bob.peerFile()), saved) {
		t.Fatal("the state changed although its save failed")
	}
	if err := os.Remove(tmp); err != nil {
		t.Fatal(err)
	}

	// 3. Shown again with the same id and saved; then it is a replay.
	r = bob.recv(line + "\n")
	if m := r.event("message"); m == nil || m["id"] != id || m["text"] != "shown before the save" {
		t.Fatalf("shown again as %v, want the same text and id %s", r.events, id)
	}
	r = bob.otr(line+"\n", "recv", "--peer", "alice")
	if e := r.event("error"); r.code != exitFailure || e == nil || !strings.Contains(e["message"].(string), "replayed") {
		t.Fatalf("after the save the line must be a replay: exit %d, events %v", r.code, r.events)
	}
}

// TestIDsDistinctAndStableEndToEnd: each message gets its own id; the
// same line shown again (its save lost) keeps it.
func TestIDsDistinctAndStableEndToEnd(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	ids := map[string]string{}
	for _, text := range []string{"one", "two", "one"} { // the same words twice are two messages
		r := bob.recv(alice.send(text))
		id, _ := r.event("message")["id"].(string)
		if prev, dup := ids[id]; dup || len(id) != 24 {
			t.Fatalf("id %q for %q (already used for %q)", id, text, prev)
		}
		ids[id] = text
	}
	p := bob.recv("plain words\n").event("message")
	q := bob.recv("plain words\n").event("message")
	if p["encrypted"] != false || p["id"] == q["id"] || len(p["id"].(string)) != 24 {
		t.Fatalf("two unencrypted messages: %v and %v; want two different ids", p, q)
	}
}

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
	if r := carol.must("hello carol\n", "send", "--peer", "carol"); r.stdout != "hello carol\n" {
		t.Fatalf("plaintext send printed %q", r.stdout)
	}
	if _, err := os.Stat(carol.peerFile()); !os.IsNotExist(err) {
		t.Errorf("a plaintext send without a session saved %s (%v)", carol.peerFile(), err)
	}
}

// TestRecvSkipsOverlongLine: a line over 16 MiB is an error event, counted
// as rejected, and the lines after it are handled.
func TestRecvSkipsOverlongLine(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	lines := alice.send("before") + strings.Repeat("x", maxLine+1) + "\n" + alice.send("after")
	r := bob.otr(lines, "recv", "--peer", "alice")
	if got := strings.Join(r.kinds(), ","); r.code != exitFailure || got != "message,error,message" {
		t.Fatalf("exit %d, events %s: want message,error,message and exit 1", r.code, got)
	}
	if e := r.event("error"); !strings.Contains(e["message"].(string), "line 2 is over the 16 MiB limit") {
		t.Errorf("error event %v", e)
	}
	if !strings.Contains(r.stderr, "1 of 3 lines were rejected") {
		t.Errorf("stderr %q: want the count of rejected lines", r.stderr)
	}
}

// TestDisplayFailureSavesNothing: when the display cannot be written (its
// reader went away), the step fails and saves nothing, so the message is
// not lost: given again to a working recv, it is shown.
func TestDisplayFailureSavesNothing(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	line := alice.send("the display is gone")
	saved := readFile(t, bob.peerFile())
	fifo := filepath.Join(t.TempDir(), "display")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// Text mode: with --json, the error event of the failure would open the
	// display again, which waits for a reader.
	cmd := exec.Command(otrBinary(t), "--state", bob.dir, "--display", fifo, "recv", "--peer", "alice")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	exited := startWait(t, cmd)
	openFIFO(t, fifo, exited).Close() // otr has it open; now nobody reads it
	if _, err := io.WriteString(stdin, line); err != nil {
		t.Fatal(err)
	}
	stdin.Close()
	if code := exitStatus(t, cmd, exited, 10*time.Second); code != exitFailure || !strings.Contains(stderr.String(), "display stream cannot be written") {
		t.Fatalf("exit %d, stderr %q: want exit 1 and the display error", code, stderr.String())
	}
	if !bytes.Equal(readFile(t, bob.peerFile()), saved) {
		t.Fatal("the step was saved although its message could not be shown")
	}
	if m := bob.recv(line).event("message"); m == nil || m["text"] != "the display is gone" {
		t.Fatal("the message was lost")
	}
}
