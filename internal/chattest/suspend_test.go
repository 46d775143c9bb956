package chattest

import (
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Ctrl-Z and fg at a hidden prompt: the shell gives the terminal back in
// its echoing, line-by-line mode and continues the chat, which must hide
// the secret typed next (it was echoed before the chat set its mode again).
// The test does what an interactive shell does: stop the chat's process
// group, restore the terminal's echo, continue the group.
func TestChatSecretHiddenAfterSuspend(t *testing.T) {
	p := newPair(t)
	p.private()
	p.alice.typeLine("/smp")
	p.alice.waitFor(`question for bob`)
	p.alice.typeLine("")
	p.alice.waitFor(`secret \(hidden\): `)

	info := strings.Fields(p.x.run("display-message", "-p", "-t", p.alice.name, "#{pane_pid} #{pane_tty}"))
	if len(info) != 2 {
		t.Fatalf("tmux pane pid and tty: %q", info)
	}
	pgid, err := strconv.Atoi(info[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(-pgid, syscall.SIGSTOP); err != nil {
		t.Fatalf("stopping the chat: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	if out, err := exec.Command("stty", "-F", info[1], "icanon", "echo").CombinedOutput(); err != nil {
		t.Fatalf("stty: %v\n%s", err, out)
	}
	if err := syscall.Kill(-pgid, syscall.SIGCONT); err != nil {
		t.Fatalf("continuing the chat: %v", err)
	}
	time.Sleep(300 * time.Millisecond)

	const secret = "after-fg-secret-4417"
	p.alice.typeText(secret)
	time.Sleep(300 * time.Millisecond)
	p.alice.keys("Enter")
	p.alice.waitFor(`SMP started: waiting for bob`)
	p.bob.waitFor(`alice wants to verify you`)
	p.neverSeen(secret)
}
