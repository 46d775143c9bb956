package main

import (
	"bytes"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otrtool/otr/pkg/state"
)

// TestConcurrentSends runs 8 senders at once on one peer: each holds the
// peer's lock while it prints, so the lines reach the shared pipe in
// counter order and all 8 decrypt on the other side.
func TestConcurrentSends(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	for i := 0; i < 8; i++ {
		cmd := exec.Command(otrBinary(t), "--state", alice.dir, "send", "--peer", "bob")
		cmd.Stdin = strings.NewReader(strings.Repeat("x", i) + " message\n")
		cmd.Stdout = w
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	var wire bytes.Buffer
	if _, err := wire.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	got := bob.recv(wire.String())
	seen := map[string]bool{}
	for _, e := range got.events {
		if e["event"] == "message" {
			seen[e["text"].(string)] = true
		}
	}
	if len(seen) != 8 || got.event("error") != nil {
		t.Fatalf("bob decrypted %d distinct messages (events %v), want 8", len(seen), got.kinds())
	}
}

// TestBadInputLeavesStateUnchanged feeds each kind of bad line to recv:
// a one-line error event, exit 1, and the peer file byte-for-byte as it
// was (or still absent).
func TestBadInputLeavesStateUnchanged(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	data := alice.send("a real message")
	bob.recv(data) // accepted once; replayed below
	tampered := tamper(t, alice.send("to be tampered with"))
	tests := []struct {
		name, peer, line string
	}{
		{"malformed base64", "alice", "?OTR:AAMD!!!!."},
		{"truncated message", "alice", "?OTR:AAMD."},
		{"unknown message type", "alice", "?OTR:" + base64.StdEncoding.EncodeToString([]byte{0, 3, 0x77, 0, 0, 1, 0, 0, 0, 1, 0}) + "."},
		{"bad MAC", "alice", tampered},
		{"replayed message", "alice", strings.TrimSpace(data)},
		{"data for an unknown session", "carol", strings.TrimSpace(data)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &party{t, bob.dir, tc.peer}
			before := readFile(t, p.peerFile())
			r := p.otr(tc.line+"\n", "recv", "--peer", tc.peer)
			if r.code != exitFailure {
				t.Errorf("exit %d, want %d", r.code, exitFailure)
			}
			e := r.event("error")
			if e == nil || e["message"] == "" || strings.Contains(e["message"].(string), "\n") {
				t.Errorf("want a one-line error event, got %v", r.events)
			}
			if after := readFile(t, p.peerFile()); !bytes.Equal(before, after) {
				t.Errorf("the state file changed")
			}
		})
	}
	// The session still works after all that.
	assertDelivered(t, alice, bob, "still here", "")
}

// TestRecvGoesPastABadLine: the good lines around a bad one are handled.
func TestRecvGoesPastABadLine(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	lines := alice.send("one") + "?OTR:AAMD!!!!.\n" + alice.send("two")
	r := bob.otr(lines, "recv", "--peer", "alice")
	if r.code != exitFailure || strings.Join(r.kinds(), ",") != "message,error,message" {
		t.Errorf("exit %d, events %v: want message,error,message and exit 1", r.code, r.kinds())
	}
}

func tamper(t *testing.T, wire string) string {
	t.Helper()
	line := strings.TrimSpace(wire)
	bin, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(line, "?OTR:"), "."))
	if err != nil {
		t.Fatalf("not a one-line data message: %q", line)
	}
	bin[len(bin)-30] ^= 1 // inside the encrypted text, under the MAC
	return "?OTR:" + base64.StdEncoding.EncodeToString(bin) + "."
}

func TestStateErrors(t *testing.T) {
	alice, _ := pair(t)
	empty := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		setup      func()
		want, hint string
	}{
		{"missing state", []string{"--state", filepath.Join(empty, "none"), "send", "--peer", "x"}, nil, "does not exist", "otr keygen"},
		{"missing key", []string{"--state", empty, "query", "--peer", "x"}, func() { os.Chmod(empty, 0o700) }, "identity.toml does not exist", "otr keygen"},
		{"state open to others", []string{"--state", alice.dir, "query", "--peer", "x"}, func() { os.Chmod(alice.dir, 0o755) }, "accessible by group or others", "chmod 0700 " + alice.dir},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			r := runOTR(t, "hello\n", nil, tc.args...)
			if r.code != exitFailure || r.stdout != "" {
				t.Errorf("exit %d, stdout %q", r.code, r.stdout)
			}
			if !strings.Contains(r.stderr, "otr: error: ") || !strings.Contains(r.stderr, tc.want) ||
				!strings.Contains(r.stderr, "otr: hint: ") || !strings.Contains(r.stderr, tc.hint) {
				t.Errorf("stderr %q: want error %q and hint %q", r.stderr, tc.want, tc.hint)
			}
		})
	}
}

func TestCorruptPeerFileIsNotOverwritten(t *testing.T) {
	alice, _ := pair(t)
	if err := os.MkdirAll(filepath.Join(alice.dir, "peers"), 0o700); err != nil {
		t.Fatal(err)
	}
	junk := []byte("version = 1\npeer = \"bob\"\n[session\n")
	if err := os.WriteFile(alice.peerFile(), junk, 0o600); err != nil {
		t.Fatal(err)
	}
	r := alice.otr("hi\n", "send", "--peer", "bob")
	if r.code != exitFailure || !strings.Contains(r.stderr, alice.peerFile()) || r.event("error") == nil {
		t.Errorf("exit %d stderr %q: want an error naming the file", r.code, r.stderr)
	}
	if !bytes.Equal(readFile(t, alice.peerFile()), junk) {
		t.Error("the corrupt file was overwritten")
	}
}

// TestKillDuringSave kills otr between writing the new state and renaming
// it over the old: the old state loads and the session goes on.
func TestKillDuringSave(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	before := readFile(t, alice.peerFile())
	marker := filepath.Join(t.TempDir(), "hung")
	cmd := exec.Command(otrHookBinary(t), "--state", alice.dir, "send", "--peer", "bob")
	cmd.Env = append(os.Environ(), state.HangBeforeRenameEnv+"="+marker)
	cmd.Stdin = strings.NewReader("lost in the crash\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("otr never reached the rename")
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if out.Len() != 0 {
		t.Errorf("a send that did not save printed %q", out.String())
	}
	if !bytes.Equal(before, readFile(t, alice.peerFile())) {
		t.Fatal("the peer file changed")
	}
	assertDelivered(t, alice, bob, "after the crash", "")
}
