package irctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// irssiConfig: one network "test" (the OTR account name irssi uses is
// the network's tag), autoconnect, no flood queue (the test would wait
// on it), UTF-8, and every line of the query with our nick logged to
// logs/<nick>.log, OTR notices included.
const irssiConfig = `servers = (
  { address = "127.0.0.1"; chatnet = "test"; port = "%d"; autoconnect = "yes"; }
);
chatnets = { test = { type = "IRC"; }; };
settings = {
  core = { real_name = "%[2]s"; user_name = "%[2]s"; nick = "%[2]s"; settings_autosave = "no"; };
  "irc/core" = { cmds_max_at_once = "1000"; cmd_queue_speed = "10msec"; };
  "fe-common/core" = {
    term_charset = "UTF-8";
    autolog = "yes";
    autolog_path = "%[3]s/$0.log";
    autolog_level = "all";
    autolog_colors = "no";
  };
};
`

// irssi is one irssi running in its own tmux server.
type irssi struct {
	t          *testing.T
	home, sock string
	nick, logs string
	marks      map[string]int // per log: how far waitLog has read
}

// startIrssi gives irssi the identity in state (exported as libotr files
// into its otr/ directory, as a user bringing an otr identity would) and
// starts it connected to the server on port.
func startIrssi(t *testing.T, otr, state, nick string, port int) *irssi {
	t.Helper()
	dir := t.TempDir()
	ir := &irssi{t: t, home: filepath.Join(dir, "irssi"), sock: filepath.Join(dir, "tmux.sock"),
		nick: nick, logs: filepath.Join(dir, "logs"), marks: map[string]int{}}
	otrDir := filepath.Join(ir.home, "otr")
	for _, d := range []string{otrDir, ir.logs} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cfg := fmt.Sprintf(irssiConfig, port, nick, ir.logs)
	if err := os.WriteFile(filepath.Join(ir.home, "config"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ir.home, "startup"), []byte("load otr\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(otr, "--state", state, "export-libotr", "--account", "test", "--protocol", "IRC",
		"--private-key", filepath.Join(otrDir, "otr.key"), "--instance-tags", filepath.Join(otrDir, "otr.instag")).CombinedOutput()
	if err != nil {
		t.Fatalf("otr export-libotr for irssi: %v\n%s", err, out)
	}
	ir.tmux("-f", "/dev/null", "new-session", "-d", "-s", "irssi", "-x", "200", "-y", "50",
		"env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=screen", "irssi", "--home="+ir.home)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("irssi's screen at the end:\n%s", ir.screen())
		}
		_ = exec.Command("tmux", "-S", ir.sock, "kill-server").Run()
	})
	if !poll(20*time.Second, func() bool { return strings.Contains(ir.screen(), "Welcome to the Internet Relay Network "+nick) }) {
		t.Fatalf("irssi did not connect:\n%s", ir.screen())
	}
	if !strings.Contains(ir.screen(), "Loaded module otr/core") {
		t.Fatalf("irssi did not load its OTR module:\n%s", ir.screen())
	}
	ir.typeLine("/rawlog open " + ir.rawlog())
	return ir
}

func (ir *irssi) tmux(args ...string) string {
	ir.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-S", ir.sock}, args...)...).CombinedOutput()
	if err != nil {
		ir.t.Fatalf("tmux %q: %v\n%s", args, err, out)
	}
	return string(out)
}

// screen is what irssi shows now (its active window).
func (ir *irssi) screen() string {
	out, _ := exec.Command("tmux", "-u", "-S", ir.sock, "capture-pane", "-p", "-J", "-t", "irssi").Output()
	return string(out)
}

// typeLine types a line into irssi and presses Enter.
func (ir *irssi) typeLine(line string) {
	ir.t.Helper()
	ir.tmux("send-keys", "-t", "irssi", "-l", "--", line)
	ir.tmux("send-keys", "-t", "irssi", "Enter")
}

// log is the query window with nick, as irssi logged it.
func (ir *irssi) log(nick string) string {
	b, _ := os.ReadFile(filepath.Join(ir.logs, strings.ToLower(nick)+".log"))
	return string(b)
}

// waitLog waits until the query log with nick shows want after what
// earlier waits matched.
func (ir *irssi) waitLog(nick, want string) {
	ir.t.Helper()
	var at int
	if !poll(20*time.Second, func() bool {
		at = strings.Index(ir.log(nick)[ir.marks[nick]:], want)
		return at >= 0
	}) {
		ir.t.Fatalf("irssi never showed %q; its log with %s since the last check:\n%s", want, nick, ir.log(nick)[ir.marks[nick]:])
	}
	ir.marks[nick] += at + len(want)
}

// rawlog is where irssi writes the server's lines (">> ...") and its own
// ("<< ...") from when the test opens it until closeRawlog.
func (ir *irssi) rawlog() string { return filepath.Join(ir.logs, "raw.log") }

// longestFrom is the longest line, CR LF included, that irssi received
// from nick, and how many it received (it closes the raw log).
func (ir *irssi) longestFrom(nick string) (longest, n int) {
	ir.typeLine("/rawlog close")
	var b []byte
	poll(5*time.Second, func() bool {
		b, _ = os.ReadFile(ir.rawlog())
		return strings.Contains(string(b), ">> :"+nick+"!")
	})
	for _, line := range strings.Split(string(b), "\n") {
		if _, msg, ok := strings.Cut(line, ">> :"+nick+"!"); ok {
			longest, n = max(longest, len(":"+nick+"!"+msg)+2), n+1
		}
	}
	return longest, n
}

// otrErrors are irssi's OTR formats for errors (src/otr/otr-formats.c).
var otrErrors = []string{
	"Error in private conversation", "General Error", "Malformed message", "unreadable",
	"Unreadable encrypted", "Unrecognized OTR message", "was not encrypted",
	"Received reflected", "An error occurred", "?OTR Error", "?OTR:",
}

// noErrors checks that irssi never showed an OTR error (or a raw OTR
// message) in the query with nick.
func (ir *irssi) noErrors(nick string) {
	ir.t.Helper()
	log := ir.log(nick)
	for _, e := range otrErrors {
		if strings.Contains(log, e) {
			ir.t.Errorf("irssi showed %q:\n%s", e, log)
		}
	}
}
