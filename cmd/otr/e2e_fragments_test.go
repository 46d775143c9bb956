package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fragmentedMessage has alice send a message of size characters to bob in
// fragments of 200; it returns the text and the wire lines.
func fragmentedMessage(t *testing.T, alice *party, size int) (string, []string) {
	t.Helper()
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "word%d ", i)
	}
	text := b.String()[:size]
	out := alice.must(text+"\n", "send", "--peer", alice.peer, "--fragment-size", "200").stdout
	return text, strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// recvUsage runs bob's recv on lines and returns the result and the bytes
// the process caused to be written to storage (getrusage's oublock).
func recvUsage(t *testing.T, bob *party, lines []string) (result, int64) {
	t.Helper()
	cmd := exec.Command(otrBinary(t), "--state", bob.dir, "--json", "recv", "--peer", bob.peer)
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("recv: %v\n%s", err, errb.String())
	}
	r := result{stdout: out.String(), stderr: errb.String()}
	r.events = jsonEvents(t, r.stderr)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return r, ru.Oublock * 512
}

// jsonEvents parses the JSON display lines in stderr.
func jsonEvents(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "{") {
			var e map[string]any
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("display line is not JSON: %q", line)
			}
			out = append(out, e)
		}
	}
	return out
}

// shownTexts are the texts of message events.
func shownTexts(r result) []string {
	var out []string
	for _, e := range r.events {
		if e["event"] == "message" {
			out = append(out, e["text"].(string))
		}
	}
	return out
}

// TestRecvFragmentsLinearWrites: receiving a 100,000-character message in
// fragments of 200 writes at most 8 MB (it wrote 58.7 MB when each piece
// rewrote and synced the growing buffer), twice the pieces write about
// twice the bytes, and the peer's file is untouched until the last piece.
func TestRecvFragmentsLinearWrites(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	half, halfLines := fragmentedMessage(t, alice, 50000)
	_, halfLines2 := fragmentedMessage(t, alice, 50000)
	full, fullLines := fragmentedMessage(t, alice, 100000)
	if len(fullLines) < 800 {
		t.Fatalf("100,000 characters in %d fragments of 200, want about 816", len(fullLines))
	}

	before := readFile(t, bob.peerFile())
	r, _ := recvUsage(t, bob, halfLines[:len(halfLines)-1])
	if len(r.events) != 0 || !bytes.Equal(readFile(t, bob.peerFile()), before) {
		t.Fatalf("the pieces before the last changed the peer file or showed %v", r.kinds())
	}
	r, _ = recvUsage(t, bob, halfLines[len(halfLines)-1:])
	if got := shownTexts(r); len(got) != 1 || got[0] != half {
		t.Fatalf("the last piece showed %d messages, want the 50,000 characters", len(got))
	}

	_, halfBytes := recvUsage(t, bob, halfLines2)
	r, fullBytes := recvUsage(t, bob, fullLines)
	if got := shownTexts(r); len(got) != 1 || got[0] != full {
		t.Fatalf("showed %d messages, want the 100,000 characters", len(got))
	}
	t.Logf("%d pieces: %d bytes written; %d pieces: %d bytes written", len(halfLines), halfBytes, len(fullLines), fullBytes)
	if fullBytes > 8<<20 {
		t.Fatalf("recv of %d pieces wrote %.1f MB, want at most 8 MB", len(fullLines), float64(fullBytes)/(1<<20))
	}
	if halfBytes > 0 && float64(fullBytes) > 2.6*float64(halfBytes) {
		t.Fatalf("%d pieces wrote %d bytes, %d pieces %d: more than linear", len(halfLines), halfBytes, len(fullLines), fullBytes)
	}
}

// TestRecvFragmentsSurviveKill: recv killed (-9) after piece k of n keeps
// pieces 1..k; a new recv given pieces k+1..n shows the message, once.
func TestRecvFragmentsSurviveKill(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	text, lines := fragmentedMessage(t, alice, 20000)
	k := len(lines) / 2

	cmd := exec.Command(otrBinary(t), "--state", bob.dir, "--json", "recv", "--peer", bob.peer)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(stdin, strings.Join(lines[:k], "\n")+"\n")
	journal := filepath.Join(bob.dir, "peers", bob.peer+".frag")
	deadline := time.Now().Add(20 * time.Second)
	for !journalHolds(t, journal, k) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("recv did not store %d pieces:\n%s", k, errb.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL) // stdin still open: recv is waiting for more
	cmd.Wait()

	r := bob.recv(strings.Join(lines[k:], "\n") + "\n")
	if got := shownTexts(r); len(got) != 1 || got[0] != text {
		t.Fatalf("after the kill the other pieces showed %d messages (%v), want the message", len(got), r.kinds())
	}
	if data := readFile(t, journal); len(data) != 0 {
		t.Fatalf("the journal still holds %d bytes after the message", len(data))
	}
}

// journalHolds says the journal file holds exactly k complete records.
func journalHolds(t *testing.T, path string, k int) bool {
	data := readFile(t, path)
	return bytes.HasSuffix(data, []byte("\n")) && bytes.Count(data, []byte("\n")) == 1+2*k
}

// TestRecvFragmentsReset: a line that is not a fragment forgets the stored
// pieces (the spec's rule), so the last piece alone completes nothing.
func TestRecvFragmentsReset(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	_, lines := fragmentedMessage(t, alice, 2000)
	bob.recv(strings.Join(lines[:len(lines)-1], "\n") + "\nplain words\n")
	if data := readFile(t, filepath.Join(bob.dir, "peers", bob.peer+".frag")); len(data) != 0 {
		t.Fatalf("the journal holds %d bytes after a plaintext line", len(data))
	}
	r := bob.recv(lines[len(lines)-1] + "\n")
	if got := shownTexts(r); len(got) != 0 {
		t.Fatalf("the last piece alone showed %q", got)
	}
}

// TestRecvFragmentJournalSymlink: a journal planted as a symlink stops
// recv with a hint; nothing is written through it.
func TestRecvFragmentJournalSymlink(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	_, lines := fragmentedMessage(t, alice, 2000)
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(bob.dir, "peers", bob.peer+".frag")); err != nil {
		t.Fatal(err)
	}
	r := bob.otr(strings.Join(lines, "\n")+"\n", "recv", "--peer", bob.peer)
	if r.code == 0 || !strings.Contains(r.stderr, "symlink") || !strings.Contains(r.stderr, "otr: hint: ") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if got := readFile(t, victim); string(got) != "precious" {
		t.Fatalf("the symlink's target now holds %q", got)
	}
}
