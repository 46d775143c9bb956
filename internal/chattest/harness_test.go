package chattest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	tmpRoot  string // holds the otr binary, built once
	buildMu  sync.Mutex
	otrPath  string
	buildErr error
	// otrOverride, when set, is the OTR the chats run (a logging wrapper).
	otrOverride string
)

func TestMain(m *testing.M) {
	var err error
	if tmpRoot, err = os.MkdirTemp("", "otr-chattest-"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

// waitTimeout bounds every wait for the screen; the machine may be busy.
const waitTimeout = 20 * time.Second

// needTools skips (or fails under OTR_REQUIRE_TMUX=1) without tmux and nc.
func needTools(t *testing.T) {
	t.Helper()
	if fail, msg := toolVerdict(missingTools(), os.Getenv("OTR_REQUIRE_TMUX")); fail {
		t.Fatal(msg)
	} else if msg != "" {
		t.Skip(msg)
	}
}

// missingTools lists the programs the chat tests need and PATH lacks.
func missingTools() []string {
	var missing []string
	for _, tool := range []string{"tmux", "nc"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	return missing
}

// toolVerdict says whether missing tools fail the test (require is
// OTR_REQUIRE_TMUX) and why; msg is empty when nothing is missing.
func toolVerdict(missing []string, require string) (fail bool, msg string) {
	if len(missing) == 0 {
		return false, ""
	}
	if require == "1" {
		return true, fmt.Sprintf("%s required (OTR_REQUIRE_TMUX=1) but not installed", strings.Join(missing, " and "))
	}
	return false, fmt.Sprintf("%s not installed (OTR_REQUIRE_TMUX=1 makes this a failure)", strings.Join(missing, " and "))
}

// otrBinary builds cmd/otr once for all tests.
func otrBinary(t *testing.T) string {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if otrPath == "" && buildErr == nil {
		p := filepath.Join(tmpRoot, "otr")
		out, err := exec.Command("go", "build", "-o", p, "../../cmd/otr").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		} else {
			otrPath = p
		}
	}
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return otrPath
}

// chatScript is scripts/chat.sh of this checkout.
func chatScript(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("../../scripts/chat.sh")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// identity makes a state directory with a key.
func identity(t *testing.T, dir string) string {
	t.Helper()
	out, err := exec.Command(otrBinary(t), "--state", dir, "keygen").CombinedOutput()
	if err != nil {
		t.Fatalf("keygen: %v\n%s", err, out)
	}
	return dir
}

// freePort finds a loopback port nobody listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// tmux is one private tmux server for a test.
type tmux struct {
	t    *testing.T
	sock string
}

func newTmux(t *testing.T) *tmux {
	t.Helper()
	needTools(t)
	// A short socket path: unix socket paths are limited to ~100 bytes.
	dir, err := os.MkdirTemp("", "ct")
	if err != nil {
		t.Fatal(err)
	}
	x := &tmux{t: t, sock: filepath.Join(dir, "s")}
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-S", x.sock, "kill-server").Run()
		os.RemoveAll(dir)
	})
	return x
}

func (x *tmux) run(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", x.sock}, args...)...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %q: %v\n%s", args, err, out)
	}
	return string(out)
}

// pane is one chat running in a tmux session.
type pane struct {
	x    *tmux
	name string
}

// start runs a shell command line in a new 120x50 session; when the
// command ends the pane shows "CHAT-EXIT=<status>" and stays.
func (x *tmux) start(name string, env []string, cmdline string) *pane {
	x.t.Helper()
	full := "env LANG=C.UTF-8 " + strings.Join(quoteAll(env), " ") + " " + cmdline +
		"; echo CHAT-EXIT=$?; stty -a | grep -Eq '(^| )icanon( |$)' && stty -a | grep -Eq '(^| )echo( |$)' && echo TTY-RESTORED; sleep 3600"
	args := []string{"-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "120", "-y", "50", full}
	x.run(args...)
	return &pane{x: x, name: name}
}

// chat starts scripts/chat.sh with OTR and OTR_STATE set.
func (x *tmux) chat(name, state string, args ...string) *pane {
	x.t.Helper()
	bin := otrBinary(x.t)
	if otrOverride != "" {
		bin = otrOverride
	}
	env := []string{"OTR=" + bin, "OTR_STATE=" + state}
	return x.start(name, env, strings.Join(quoteAll(append([]string{"bash", chatScript(x.t)}, args...)), " "))
}

func quoteAll(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return q
}

// screen is everything the pane shows, history included, wrapped lines joined.
func (p *pane) screen() string {
	p.x.t.Helper()
	return p.x.run("capture-pane", "-p", "-J", "-S", "-2000", "-t", p.name)
}

// lastLine is the pane's last non-empty line (the prompt and the typed text).
func (p *pane) lastLine() string {
	lines := strings.Split(strings.TrimRight(p.screen(), "\n "), "\n")
	return strings.TrimRight(lines[len(lines)-1], " ")
}

// waitFor polls the screen until it matches re; fails the test on timeout.
func (p *pane) waitFor(re string) string {
	p.x.t.Helper()
	r := regexp.MustCompile(re)
	deadline := time.Now().Add(waitTimeout)
	for {
		s := p.screen()
		if r.MatchString(s) {
			return s
		}
		if time.Now().After(deadline) {
			p.x.t.Fatalf("pane %s: no %q within %v; the screen:\n%s", p.name, re, waitTimeout, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitCount polls until re matches at least n times.
func (p *pane) waitCount(re string, n int) string {
	p.x.t.Helper()
	r := regexp.MustCompile(re)
	deadline := time.Now().Add(waitTimeout)
	for {
		s := p.screen()
		if len(r.FindAllString(s, -1)) >= n {
			return s
		}
		if time.Now().After(deadline) {
			p.x.t.Fatalf("pane %s: %q not %d times within %v; the screen:\n%s", p.name, re, n, waitTimeout, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitLast waits until the last line is want.
func (p *pane) waitLast(want string) {
	p.x.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for p.lastLine() != want {
		if time.Now().After(deadline) {
			p.x.t.Fatalf("pane %s: last line %q, want %q; the screen:\n%s", p.name, p.lastLine(), want, p.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitPrompt waits until the last line is exactly the prompt for state,
// with typed text after it.
func (p *pane) waitPrompt(state, peer, typed string) {
	p.x.t.Helper()
	p.waitLast(strings.TrimRight("["+state+"] "+peer+"> "+typed, " "))
}

// typeLine types text literally, then Enter.
func (p *pane) typeLine(text string) {
	p.x.t.Helper()
	if text != "" {
		p.x.run("send-keys", "-t", p.name, "-l", "--", text)
	}
	p.x.run("send-keys", "-t", p.name, "Enter")
}

// typeText types text literally without Enter.
func (p *pane) typeText(text string) {
	p.x.t.Helper()
	p.x.run("send-keys", "-t", p.name, "-l", "--", text)
}

// keys sends tmux key names (C-l, Up, Enter).
func (p *pane) keys(keys ...string) {
	p.x.t.Helper()
	p.x.run(append([]string{"send-keys", "-t", p.name}, keys...)...)
}

// pair is two chats over a loopback port: bob listens (chat.sh listen),
// alice connects through an exec transport that copies the wire to a file.
type pair struct {
	x          *tmux
	alice, bob *pane
	aState     string
	bState     string
	wire       string // every line that crossed the connection, both ways
	port       int
	aliceExtra []string
	bobExtra   []string
}

// newPair makes two identities and connects their chats.
func newPair(t *testing.T) *pair {
	t.Helper()
	x := newTmux(t)
	dir := t.TempDir()
	p := &pair{x: x, aState: identity(t, filepath.Join(dir, "alice")), bState: identity(t, filepath.Join(dir, "bob")),
		wire: filepath.Join(dir, "wire.log")}
	p.know()
	p.connect()
	return p
}

// know makes each side know the other (otr query begins a peer), as after
// a first conversation: otr refuses plaintext for a peer never seen.
func (p *pair) know() {
	t := p.x.t
	t.Helper()
	for _, s := range [][2]string{{p.aState, "bob"}, {p.bState, "alice"}} {
		if out, err := exec.Command(otrBinary(t), "--state", s[0], "query", "--peer", s[1]).CombinedOutput(); err != nil {
			t.Fatalf("otr query: %v\n%s", err, out)
		}
	}
}

// connect starts both chats (again) on a fresh port and waits until they
// are connected.
func (p *pair) connect() {
	t := p.x.t
	t.Helper()
	p.port = freePort(t)
	suffix := fmt.Sprint(p.port)
	p.bob = p.x.chat("bob"+suffix, p.bState, append(p.bobExtra, "listen", fmt.Sprint(p.port), "alice")...)
	p.bob.waitFor(`waiting for alice to connect`)
	p.alice = p.x.chat("alice"+suffix, p.aState, append(p.aliceExtra, "exec", "bob", "--",
		"bash", "-c", teeTransport, "tee-tcp", fmt.Sprint(p.port), p.wire)...)
	p.bob.waitFor(`alice connected from`)
	p.alice.waitFor(`tee-tcp: connected`)
	p.alice.waitFor(`(?m)^\[[a-z]+\] bob> $`)
	p.bob.waitFor(`(?m)^\[[a-z]+\] alice> $`)
}

// teeTransport (bash -c teeTransport tee-tcp PORT WIRE) is a transport for
// chat.sh exec: a TCP connection to PORT that copies every line, both ways,
// to the file WIRE.
const teeTransport = `exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
echo "tee-tcp: connected" >&2
tee -a "$2" <&0 >&3 &
tee -a "$2" <&3
kill $!`

// private runs /otr and waits until both prompts say private.
func (p *pair) private() {
	p.x.t.Helper()
	p.alice.typeLine("/otr")
	p.alice.waitPrompt("private", "bob", "")
	p.bob.waitPrompt("private", "alice", "")
}

// wireLog is what crossed the connection so far.
func (p *pair) wireLog() string {
	b, err := os.ReadFile(p.wire)
	if err != nil && !os.IsNotExist(err) {
		p.x.t.Fatal(err)
	}
	return string(b)
}

// neverSeen fails if s appears on either screen or on the wire.
func (p *pair) neverSeen(s string) {
	p.x.t.Helper()
	for _, pn := range []*pane{p.alice, p.bob} {
		if strings.Contains(pn.screen(), s) {
			p.x.t.Errorf("%q is on %s's screen:\n%s", s, pn.name, pn.screen())
		}
	}
	if strings.Contains(p.wireLog(), s) {
		p.x.t.Errorf("%q went over the wire:\n%s", s, p.wireLog())
	}
}

// speaksChat fails if a screen names an otr command line instead of the
// chat's commands (the hints of otr's texts).
func (p *pair) speaksChat() {
	p.x.t.Helper()
	for _, pn := range []*pane{p.alice, p.bob} {
		s := pn.screen()
		for _, bad := range []string{"--peer", "otr smp", "otr query", "otr trust", "otr close", "otr send", "otr recv"} {
			if strings.Contains(s, bad) {
				p.x.t.Errorf("%s's screen says %q, not a chat command:\n%s", pn.name, bad, s)
			}
		}
	}
}
