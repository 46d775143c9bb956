package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// promisedSignals are the signals docs/cli.md promises to hold (a list of
// its own: the test checks the promise, not the code's list).
var promisedSignals = []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// TestSignalWhileIdle: a recv waiting for its next line exits at once on
// SIGINT, SIGTERM, SIGHUP or SIGQUIT, with 128 + the signal's number.
func TestSignalWhileIdle(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	for _, sig := range promisedSignals {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(otrBinary(t), "--state", bob.dir, "--json", "recv", "--peer", "alice")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			exited := startWait(t, cmd)
			defer stdin.Close()
			text := "idle after this " + sig.String()
			if _, err := io.WriteString(stdin, alice.send(text)); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stderr)
			for sc.Scan() && !strings.Contains(sc.Text(), text) {
			}
			go func() { _, _ = io.Copy(io.Discard, stderr) }()
			time.Sleep(20 * time.Millisecond) // recv is back to reading stdin
			_ = cmd.Process.Signal(sig)
			if code := exitStatus(t, cmd, exited, 5*time.Second); code != 128+int(sig) {
				t.Fatalf("exit %d, want %d", code, 128+int(sig))
			}
		})
	}
}

// TestSignalFinishesTheStep: a signal that arrives while a step is under
// way waits for it: the message shown in full, the state saved, then exit
// 128 + n. The step is held up by its display, a FIFO nobody reads yet.
func TestSignalFinishesTheStep(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	for _, sig := range promisedSignals {
		t.Run(sig.String(), func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "display")
			if err := unix.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			text := sig.String() + strings.Repeat(" long enough to fill the pipe", 3500) // 100 KB, under the 256 KB wire limit
			line := alice.send(text)
			cmd := exec.Command(otrBinary(t), "--state", bob.dir, "--json", "--display", fifo, "recv", "--peer", "alice")
			cmd.Stdin = strings.NewReader(line)
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			exited := startWait(t, cmd)
			display := openFIFO(t, fifo, exited)
			defer display.Close()
			waitFullPipe(t, display)
			_ = cmd.Process.Signal(sig)
			select {
			case <-exited:
				t.Fatalf("otr exited (%v) in the middle of its step", cmd.ProcessState)
			case <-time.After(300 * time.Millisecond):
			}
			shown, err := io.ReadAll(display)
			if err != nil {
				t.Fatal(err)
			}
			if code := exitStatus(t, cmd, exited, 10*time.Second); code != 128+int(sig) {
				t.Fatalf("exit %d, want %d", code, 128+int(sig))
			}
			var e map[string]any
			if err := json.Unmarshal(bytes.TrimSpace(shown), &e); err != nil || e["text"] != text {
				t.Fatalf("the display got %d bytes (%v), want the whole message event", len(shown), err)
			}
			if r := bob.otr(line, "recv", "--peer", "alice"); r.event("error") == nil || !strings.Contains(fmt.Sprint(r.event("error")["message"]), "replayed") {
				t.Fatalf("the step was not saved before the exit: given again, the line gives %v", r.events)
			}
		})
	}
}

// waitFullPipe waits until the FIFO's buffer is full (TIOCINQ is FIONREAD): the writer is
// blocked inside its step.
func waitFullPipe(t *testing.T, f *os.File) {
	t.Helper()
	fd := int(f.Fd())
	size, err := unix.FcntlInt(f.Fd(), unix.F_GETPIPE_SZ, 0)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		n, err := unix.IoctlGetInt(fd, unix.TIOCINQ)
		if err != nil && !errors.Is(err, unix.EINTR) {
			t.Fatal(err)
		}
		if n >= size {
			return
		}
	}
	t.Fatal("the display FIFO never filled")
}
