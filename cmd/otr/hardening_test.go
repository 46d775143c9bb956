package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The running otr has no core limit and is not dumpable (as ssh-agent):
// /proc/PID/limits shows a core size of 0, and /proc/PID/status belongs
// to root instead of the process's user (the kernel's sign of
// PR_SET_DUMPABLE 0). The process waits on stdin while we look.
func TestNoCoreDumps(t *testing.T) {
	if _, err := os.Stat("/proc/self/limits"); err != nil {
		t.Skip("no /proc: Linux only")
	}
	// otr runs as a user other than root so that the owner tells: as
	// ourselves when we are not root, else as nobody (with a copy of the
	// binary nobody may run).
	bin, uid := otrBinary(t), os.Geteuid()
	cmd := exec.Command(bin, "parse")
	if uid == 0 {
		dir, err := os.MkdirTemp("", "otr-nocore-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		data, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		bin = filepath.Join(dir, "otr")
		if err := os.WriteFile(bin, data, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		uid = 65534
		cmd = exec.Command(bin, "parse")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); _ = cmd.Wait() }()
	proc := "/proc/" + strconv.Itoa(cmd.Process.Pid)
	var limits string
	var owner uint32
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		data, _ := os.ReadFile(proc + "/limits")
		limits = string(data)
		var st syscall.Stat_t
		if syscall.Stat(proc+"/status", &st) == nil {
			owner = st.Uid
		}
		if coreLimitZero(limits) && owner == 0 {
			return
		}
	}
	t.Fatalf("otr (uid %d) is dumpable or may dump core: /proc/PID/status owned by uid %d (want 0); limits:\n%s", uid, owner, limits)
}

func coreLimitZero(limits string) bool {
	for _, l := range strings.Split(limits, "\n") {
		if strings.HasPrefix(l, "Max core file size") {
			f := strings.Fields(strings.TrimPrefix(l, "Max core file size"))
			return len(f) >= 2 && f[0] == "0" && f[1] == "0"
		}
	}
	return false
}

// --display PATH holds decrypted messages: it never follows a symbolic
// link (dangling or not), creates the file 0600, and refuses an existing
// file that group or others may read, with a hint; a descriptor the
// caller redirected (/dev/fd/N) works as before.
func TestDisplayFileIsPrivate(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	wire := alice.send("for bob's eyes only")
	dir := t.TempDir()
	recv := func(display string) result {
		return runOTR(t, wire, nil, "--state", bob.dir, "--display", display, "recv", "--peer", "alice")
	}

	target := filepath.Join(dir, "target")
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if r := recv(link); r.code == 0 || !strings.Contains(r.stderr, "symbolic link") || !strings.Contains(r.stderr, "otr: hint:") {
		t.Errorf("--display through a dangling symlink: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Lstat(target); !os.IsNotExist(err) {
		t.Errorf("a file was created through the dangling link: %v", err)
	}

	public := filepath.Join(dir, "public")
	if err := os.WriteFile(public, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := recv(public)
	if r.code == 0 || !strings.Contains(r.stderr, "mode 0644") || !strings.Contains(r.stderr, "chmod 600") {
		t.Errorf("--display onto a 0644 file: exit %d, %q", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(public); len(data) != 0 {
		t.Errorf("the message went into the world-readable file: %q", data)
	}

	fresh := filepath.Join(dir, "fresh")
	if r := recv(fresh); r.code != 0 {
		t.Fatalf("--display onto a new file: exit %d, %q", r.code, r.stderr)
	}
	info, err := os.Stat(fresh)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the new --display file: %v, mode %v", err, info.Mode())
	}
	if data, _ := os.ReadFile(fresh); !strings.Contains(string(data), "for bob's eyes only") {
		t.Errorf("the new --display file holds %q", data)
	}

	// /dev/fd/3 after 3>file: the caller's redirection is used as it is.
	out := filepath.Join(dir, "fd3")
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(otrBinary(t), "--state", bob.dir, "--display", "/dev/fd/3", "recv", "--peer", "alice")
	cmd.Stdin, cmd.ExtraFiles = strings.NewReader(alice.send("via fd 3")), []*os.File{f}
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("--display /dev/fd/3: %v %s", err, msg)
	}
	f.Close()
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "via fd 3") {
		t.Errorf("/dev/fd/3 got %q", data)
	}
}

// A --display file another user owns (planted in /tmp, say) is refused
// even at 0600: its owner reads it whatever its mode. Needs root to chown.
func TestDisplayFileOfAnotherUserIsRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user; run the tests as root to cover it")
	}
	alice, bob := pair(t)
	handshake(t, alice, bob)
	wire := alice.send("for bob's eyes only")
	planted := filepath.Join(t.TempDir(), "planted")
	if err := os.WriteFile(planted, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(planted, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	r := runOTR(t, wire, nil, "--state", bob.dir, "--display", planted, "recv", "--peer", "alice")
	if r.code == 0 || !strings.Contains(r.stderr, "belongs to uid 65534") || !strings.Contains(r.stderr, "otr: hint:") {
		t.Errorf("--display onto another user's file: exit %d, %q", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(planted); len(data) != 0 {
		t.Errorf("the message went into another user's file: %q", data)
	}
}
