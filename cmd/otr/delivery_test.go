package main

import (
	"bytes"
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
	events, marker := recvKilledInSave(t, bob, line)
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
	for _, mode := range [][]string{nil, {"--json"}} {
		t.Run(strings.Join(append([]string{"text"}, mode...), ""), func(t *testing.T) { displayFailureSavesNothing(t, mode) })
	}
}

// displayFailureSavesNothing: with --json too, where the error event must
// not try the broken display again (opening a FIFO without a reader waits).
func displayFailureSavesNothing(t *testing.T, mode []string) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	line := alice.send("the display is gone")
	saved := readFile(t, bob.peerFile())
	fifo := filepath.Join(t.TempDir(), "display")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{"--state", bob.dir}, mode...), "--display", fifo, "recv", "--peer", "alice")
	cmd := exec.Command(otrBinary(t), args...)
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

// exitStatus waits for cmd and returns its exit status; death by a signal
// is an error (otr must catch the signal and exit).
func exitStatus(t *testing.T, cmd *exec.Cmd, exited <-chan error, within time.Duration) int {
	t.Helper()
	select {
	case <-exited:
	case <-time.After(within):
		_ = cmd.Process.Kill()
		<-exited
		t.Fatalf("otr did not exit within %v", within)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		t.Fatalf("otr was killed by %v instead of exiting", ws.Signal())
	}
	return cmd.ProcessState.ExitCode()
}

func startWait(t *testing.T, cmd *exec.Cmd) <-chan error {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return exited
}

// openFIFO opens the FIFO for reading, which waits for otr to open it.
func openFIFO(t *testing.T, path string, exited <-chan error) *os.File {
	t.Helper()
	opened := make(chan *os.File, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			f = nil
		}
		opened <- f
	}()
	select {
	case f := <-opened:
		if f == nil {
			t.Fatal("cannot open the display FIFO")
		}
		return f
	case err := <-exited:
		t.Fatalf("otr exited (%v) before it opened its display", err)
	}
	return nil
}

// recvKilledInSave feeds line to a recv that hangs inside its save (the
// test hook), kills it there with SIGKILL and returns what it had shown,
// and the hook's marker file (it holds the save's temp file name).
func recvKilledInSave(t *testing.T, p *party, line string) (events []map[string]any, marker string) {
	t.Helper()
	marker = filepath.Join(t.TempDir(), "marker")
	rp, err := startRecv(otrHookBinary(t), p, []string{state.HangBeforeRenameEnv + "=" + marker})
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
	if events, err = rp.kill(); err != nil {
		t.Fatal(err)
	}
	return events, marker
}
