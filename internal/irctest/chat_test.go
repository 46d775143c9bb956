package irctest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chat is our side as a person uses it: scripts/irc.sh in a terminal
// (tmux), typed into and read from the screen.
type chat struct {
	t      *testing.T
	sock   string
	status string // where the script's exit status is written when it ends
	seen   int    // how much of the screen's history the waits have matched
}

func startChat(t *testing.T, otr, state, nick, peer string, port int) *chat {
	t.Helper()
	c := launchChat(t, otr, state, nick, peer, port)
	c.waitScreen("irc: connected to 127.0.0.1 as " + nick)
	return c
}

// launchChat starts scripts/irc.sh in its own tmux.
func launchChat(t *testing.T, otr, state, nick, peer string, port int) *chat {
	t.Helper()
	script, err := filepath.Abs("../../scripts/irc.sh")
	check(t, err)
	dir := t.TempDir()
	c := &chat{t: t, sock: filepath.Join(dir, "tmux.sock"), status: filepath.Join(dir, "status")}
	// The exit status through a file: tmux 3.3a's #{pane_dead_status} is
	// sometimes empty for a pane that has exited.
	c.tmux("-f", "/dev/null", "new-session", "-d", "-s", "chat", "-x", "200", "-y", "50",
		"env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=screen", "OTR="+otr, "OTR_STATE="+state,
		"sh", "-c", `"$@"; echo $? >"$0.tmp" && mv "$0.tmp" "$0"`, c.status,
		script, "127.0.0.1", itoa(port), nick, peer)
	c.tmux("set-option", "-t", "chat", "remain-on-exit", "on")
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("our chat's screen at the end:\n%s", c.screen())
		}
		_ = exec.Command("tmux", "-S", c.sock, "kill-server").Run()
	})
	return c
}

func (c *chat) tmux(args ...string) string {
	c.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-S", c.sock}, args...)...).CombinedOutput()
	if err != nil {
		c.t.Fatalf("tmux %q: %v\n%s", args, err, out)
	}
	return string(out)
}

// screen is the chat's terminal, history included.
func (c *chat) screen() string {
	out, _ := exec.Command("tmux", "-u", "-S", c.sock, "capture-pane", "-p", "-J", "-S", "-5000", "-t", "chat").Output()
	return string(out)
}

// typeLine types a line into the chat, checks the prompt shows it, and
// presses Enter.
func (c *chat) typeLine(line string) {
	c.t.Helper()
	c.typeKeys(line)
	tail := line[max(0, len(line)-16):]
	if !poll(5*time.Second, func() bool { _, p := c.printed(); return strings.HasSuffix(p, tail) }) {
		_, p := c.printed()
		c.t.Fatalf("the chat's input line is %q after typing %q", p, line)
	}
	c.enter()
}

// typeHidden types a secret at a hidden prompt and presses Enter.
func (c *chat) typeHidden(secret string) {
	c.t.Helper()
	c.typeKeys(secret + "\r")
}

// startSMP runs /smp: the question (empty: none) at its prompt, then the
// secret at its hidden one.
func (c *chat) startSMP(question, secret string) {
	c.t.Helper()
	c.typeLine("/smp")
	c.waitPrompt("question for carol")
	c.typeLine(question)
	c.waitPrompt("secret (hidden):")
	c.typeHidden(secret)
}

// enter presses Enter, after a Ctrl-A that the chat ignores (see typeKeys).
func (c *chat) enter() {
	c.t.Helper()
	c.tmux("send-keys", "-t", "chat", "-l", "--", "\x01\r")
}

// typeKeys sends keys in one write, after a Ctrl-U (erase the line). An
// earlier chat read keys with a timeout and could lose the first key of a
// write under load; the Ctrl-U (and the Ctrl-A before Enter, which the
// chat ignores) keep the test's keys safe from any such loss.
func (c *chat) typeKeys(keys string) {
	c.t.Helper()
	c.tmux("send-keys", "-t", "chat", "-l", "--", "\x15"+keys)
}

// printed is the screen without its last line (the prompt, redrawn as
// one types) and the blank lines below it: the lines the chat printed.
func (c *chat) printed() (lines, prompt string) {
	s := strings.TrimRight(c.screen(), " \n")
	i := strings.LastIndexByte(s, '\n')
	return s[:i+1], strings.TrimSpace(s[i+1:])
}

// waitScreen waits until the chat prints want after what earlier waits
// matched (printed lines only grow while the chat runs).
func (c *chat) waitScreen(want string) {
	c.t.Helper()
	var at int
	if !poll(20*time.Second, func() bool {
		s, _ := c.printed()
		if c.seen > len(s) {
			c.seen = 0
		}
		at = strings.Index(s[c.seen:], want)
		return at >= 0
	}) {
		c.t.Fatalf("our chat never showed %q; its screen:\n%s", want, c.screen())
	}
	c.seen += at + len(want)
}

// waitExit waits for the script to end and returns how: "exit N" or
// "signal N".
func (c *chat) waitExit() string {
	c.t.Helper()
	var b []byte
	if !poll(20*time.Second, func() bool {
		var err error
		b, err = os.ReadFile(c.status)
		return err == nil
	}) {
		c.t.Fatalf("irc.sh is still running")
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		c.t.Fatalf("irc.sh's exit status %q: %v", b, err)
	}
	if n > 128 { // the shell's way to say a signal ended it
		return "signal " + strconv.Itoa(n-128)
	}
	return "exit " + strconv.Itoa(n)
}

// waitPrompt waits until the chat's prompt line starts with want.
func (c *chat) waitPrompt(want string) {
	c.t.Helper()
	if !poll(20*time.Second, func() bool {
		_, p := c.printed()
		return strings.HasPrefix(p, want)
	}) {
		_, p := c.printed()
		c.t.Fatalf("our chat's prompt is %q, want %q", p, want)
	}
}

// TestIrssiChat: the conversation as a person has it with scripts/irc.sh
// (after a first try with a nick in use, which must fail): irssi starts the AKE, messages both ways (UTF-8, /me, long enough to be
// fragmented), SMP asked by irssi with a question and answered with
// /answer, SMP started with /smp, a wrong secret, /otr finish in irssi,
// /otr from us, our /close, and /quit (the bridge QUITs, the script exits
// 0). irssi's window never shows an OTR error.
func TestIrssiChat(t *testing.T) {
	needTools(t)
	t.Parallel()
	otr := buildOTR(t)
	srv := startNgircd(t)
	carolState, aliceState := newIdentity(t, otr), newIdentity(t, otr)
	ir := startIrssi(t, otr, carolState, "carol", srv.port)
	step(t, "a nick in use ends the chat with the reason", func() {
		taken := launchChat(t, otr, aliceState, "carol", "alice", srv.port)
		taken.waitScreen(`refused the nickname "carol"`)
		if how := taken.waitExit(); how == "exit 0" {
			t.Errorf("irc.sh ended with %s when its nick was taken, want a failure", how)
		}
	})
	us := startChat(t, otr, aliceState, "alice", "carol", srv.port)

	step(t, "irssi starts the AKE", func() {
		ir.typeLine("/query alice")
		ir.typeLine("/otr init")
		ir.waitLog("alice", "Session secured")
		us.waitScreen("private conversation with carol")
	})
	step(t, "messages both ways", func() {
		ir.typeLine("hi from irssi, ünïcödé ✓")
		us.waitScreen("<carol> hi from irssi, ünïcödé ✓")
		ir.typeLine("/me waves")
		us.waitScreen("<carol> /me waves")
		us.typeLine("hi from the shell, ünïcödé ✓")
		ir.waitLog("alice", "<alice> hi from the shell, ünïcödé ✓")
		long := strings.Repeat("a long line, ünïcödé; ", 50) + "end"
		us.typeLine(long)
		ir.waitLog("alice", long)
	})
	step(t, "SMP asked by irssi, answered with /answer", func() {
		ir.typeLine(`/otr authq "where did we meet?" lisbon`)
		us.waitScreen("carol wants to verify you (SMP) and asks: where did we meet?")
		us.typeLine("/answer")
		us.waitPrompt("answer (hidden):")
		us.typeHidden("lisbon")
		ir.waitLog("alice", "Authentication with alice successful")
		us.waitScreen("SMP succeeded")
	})
	step(t, "SMP started with /smp", func() {
		us.startSMP("our café?", "blue")
		ir.waitLog("alice", "Question: our café?")
		ir.typeLine("/otr auth blue")
		ir.waitLog("alice", "Authentication with alice successful")
		us.waitScreen("SMP succeeded: carol is verified")
	})
	step(t, "a wrong secret fails on both sides", func() {
		us.startSMP("", "right")
		ir.waitLog("alice", "alice wants to authenticate")
		ir.typeLine("/otr auth wrong")
		ir.waitLog("alice", "Authentication with alice failed")
		us.waitScreen("SMP FAILED")
	})
	step(t, "/otr finish in irssi, /otr from us", func() {
		ir.typeLine("/otr finish")
		us.waitScreen("carol ended the private conversation")
		us.typeLine("/otr")
		ir.waitLog("alice", "Session secured")
		us.waitScreen("private conversation with carol")
	})
	step(t, "/close, then /quit", func() {
		us.typeLine("/close")
		ir.waitLog("alice", "alice has finished the OTR session")
		us.typeLine("/quit")
		if how := us.waitExit(); how != "exit 0" {
			t.Errorf("irc.sh ended with %s after /quit, want exit 0", how)
		}
		if !poll(5*time.Second, func() bool { return srv.quitSeen("alice") }) {
			t.Error("the server never got our QUIT")
		}
	})
	ir.noErrors("alice")
	checkLineSizes(t, ir, "alice", us.screen())
	if s := us.screen(); strings.Contains(s, "! error") {
		t.Errorf("our chat showed an error:\n%s", s)
	}
}
