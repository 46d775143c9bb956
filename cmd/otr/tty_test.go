package main

import (
	"bytes"
	"fmt"
	"github.com/otrtool/otr/internal/syncbuf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the master (our keyboard and screen)
// and the slave (the command's terminal).
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	// Not m.Fd(): it would make reads blocking, and deadlines useless.
	rc, err := m.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	cerr := rc.Control(func(fd uintptr) {
		if err = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); err == nil {
			n, err = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
		}
	})
	if err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// screen collects what the terminal shows (its echo) until closed.
func screen(m *os.File) func() string {
	var buf bytes.Buffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		b := make([]byte, 4096)
		for {
			n, err := m.Read(b)
			buf.Write(b[:n])
			if err != nil {
				return
			}
		}
	}()
	return func() string {
		_ = m.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		<-done
		return buf.String()
	}
}

// onTerminal starts otr with the pty as stdin, stderr to a buffer.
func onTerminal(t *testing.T, slave *os.File, args ...string) (*exec.Cmd, *syncbuf.Buffer, *syncbuf.Buffer) {
	t.Helper()
	cmd := exec.Command(otrBinary(t), args...)
	var out, errb syncbuf.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out, &errb
}

func echoOn(t *testing.T, f *os.File) bool {
	tio, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// The SMP secret typed on a terminal is not echoed, after a prompt on
// stderr; echo is back on afterwards.
func TestSMPSecretFromTerminalIsNotEchoed(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	master, slave := openPTY(t)
	shown := screen(master)
	if !echoOn(t, slave) {
		t.Fatal("a new terminal has echo off")
	}
	cmd, _, stderr := onTerminal(t, slave, "--state", alice.dir, "smp", "start", "--peer", alice.peer)
	waitFor(t, "echo off", func() bool { return !echoOn(t, slave) })
	if _, err := master.Write([]byte("hunter2 is the secret\n")); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("smp start: %v, %s", err, stderr)
	}
	if !echoOn(t, slave) {
		t.Error("echo is still off after the command")
	}
	if screen := shown(); strings.Contains(screen, "hunter2") {
		t.Errorf("the secret was echoed: %q", screen)
	}
	if !strings.Contains(stderr.String(), "otr: SMP secret for "+alice.peer+" (not shown; Enter ends it): ") {
		t.Errorf("stderr %q: want the prompt", stderr)
	}
}

// On a terminal, an SMP step bound to fail says so before anyone types a
// secret; answering shows the peer's question first.
func TestSMPOnTerminalChecksBeforeAsking(t *testing.T) {
	alice, bob := pair(t)
	alice.must("", "query", "--peer", alice.peer)
	for _, args := range [][]string{{"smp", "start"}, {"smp", "answer"}} {
		_, slave := openPTY(t)
		cmd, _, stderr := onTerminal(t, slave, append([]string{"--state", alice.dir}, append(args, "--peer", alice.peer)...)...)
		if err := cmd.Wait(); err == nil || strings.Contains(stderr.String(), "SMP secret for") ||
			!strings.Contains(stderr.String(), "private conversation") {
			t.Errorf("%v outside a private conversation: %v, stderr %q; want the error and no prompt", args, err, stderr)
		}
	}
	handshake(t, alice, bob)
	_, slave := openPTY(t)
	cmd, _, stderr := onTerminal(t, slave, "--state", alice.dir, "smp", "answer", "--peer", alice.peer)
	if err := cmd.Wait(); err == nil || strings.Contains(stderr.String(), "SMP secret for") || !strings.Contains(stderr.String(), "smp_request") {
		t.Errorf("smp answer with no request: %v, stderr %q; want the error and no prompt", err, stderr)
	}
	alice.recv(bob.must("our secret\n", "smp", "start", "--peer", bob.peer, "--question", "Which door?").stdout)
	master, slave := openPTY(t)
	shown := screen(master)
	cmd, _, stderr = onTerminal(t, slave, "--state", alice.dir, "smp", "answer", "--peer", alice.peer)
	waitFor(t, "the prompt", func() bool { return strings.Contains(stderr.String(), "SMP secret for") })
	master.Write([]byte("our secret\n"))
	if err := cmd.Wait(); err != nil {
		t.Fatalf("smp answer: %v, %s", err, stderr)
	}
	shown()
	if !strings.Contains(stderr.String(), "asks: Which door?\notr: SMP secret for") {
		t.Errorf("stderr %q: want the question, then the prompt", stderr)
	}
}

// send on a terminal says what it waits for; in a pipe it says nothing.
func TestSendOnTerminalSaysWhatItWaitsFor(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	mustRun(t, "", "--state", dir, "keygen")
	mustRun(t, "", "--state", dir, "query", "--peer", "bob")
	master, slave := openPTY(t)
	shown := screen(master)
	cmd, stdout, stderr := onTerminal(t, slave, "--state", dir, "send", "--peer", "bob")
	waitFor(t, "the prompt", func() bool { return strings.Contains(stderr.String(), "Ctrl-D") })
	master.Write([]byte("hello there\n\x04"))
	if err := cmd.Wait(); err != nil {
		t.Fatalf("send: %v, %s", err, stderr)
	}
	shown()
	if !strings.HasPrefix(stderr.String(), "otr: type messages for bob, one a line; Ctrl-D ends\n") || !strings.Contains(stdout.String(), "hello there") {
		t.Errorf("stderr %q, stdout %q", stderr, stdout)
	}
	if _, piped, _ := runInProcess("hi\n", "--state", dir, "send", "--peer", "bob"); strings.Contains(piped, "Ctrl-D") {
		t.Errorf("send in a pipe prompted: %q", piped)
	}
}
