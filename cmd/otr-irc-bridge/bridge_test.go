package main

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/otrtool/otr/internal/syncbuf"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/otrtool/otr/internal/cliutil"
	"github.com/otrtool/otr/internal/irc"
)

// fakeIRC is a one-client IRC server the test scripts line by line.
type fakeIRC struct {
	t     *testing.T
	ln    net.Listener
	conn  net.Conn
	lines *bufio.Reader
}

func newFakeIRC(t *testing.T) *fakeIRC {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return &fakeIRC{t: t, ln: ln}
}

func (f *fakeIRC) port() string { return fmt.Sprint(f.ln.Addr().(*net.TCPAddr).Port) }

func (f *fakeIRC) accept() {
	f.t.Helper()
	conn, err := f.ln.Accept()
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { conn.Close() })
	f.conn, f.lines = conn, bufio.NewReader(conn)
}

// expect reads the client's next line and checks it.
func (f *fakeIRC) expect(want string) {
	f.t.Helper()
	if got := f.read(); got != want {
		f.t.Fatalf("the bridge sent %q, want %q", got, want)
	}
}

func (f *fakeIRC) read() string {
	f.t.Helper()
	_ = f.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := f.lines.ReadString('\n')
	if err != nil {
		f.t.Fatalf("reading from the bridge: %v (got %q)", err, line)
	}
	if !strings.HasSuffix(line, "\r\n") {
		f.t.Fatalf("the bridge sent %q without CR LF", line)
	}
	return strings.TrimSuffix(line, "\r\n")
}

func (f *fakeIRC) say(lines ...string) {
	f.t.Helper()
	for _, l := range lines {
		if _, err := io.WriteString(f.conn, l+"\r\n"); err != nil {
			f.t.Fatal(err)
		}
	}
}

// register plays the server's side of registration for alice, shown to
// others as ~otr@host.
func (f *fakeIRC) register(host string) {
	f.t.Helper()
	f.accept()
	f.say(":irc.test NOTICE * :*** Looking up your hostname")
	f.expect("NICK alice")
	f.expect("USER otr 0 * :otr")
	f.say(":irc.test 001 alice :Welcome alice!~otr@" + host)
	f.expect("USERHOST alice")
	f.say(":irc.test 302 alice :alice=+~otr@" + host)
}

// bridgeRun is one running otr-irc-bridge with stdin under the test's control.
type bridgeRun struct {
	stdin          *io.PipeWriter
	stdout, stderr syncbuf.Buffer
	done           chan int
}

func startBridge(t *testing.T, port string, args ...string) *bridgeRun {
	r, w := io.Pipe()
	b := &bridgeRun{stdin: w, done: make(chan int, 1)}
	argv := append([]string{"otr-irc-bridge"}, args...)
	argv = append(argv, "127.0.0.1", port, "alice", "bob")
	go func() { b.done <- run(argv, r, &b.stdout, &b.stderr) }()
	t.Cleanup(func() { w.Close() })
	return b
}

func (b *bridgeRun) exit(t *testing.T) int {
	t.Helper()
	select {
	case code := <-b.done:
		return code
	case <-time.After(15 * time.Second):
		t.Fatalf("the bridge did not exit; stderr: %s", b.stderr.String())
		return -1
	}
}

func (b *bridgeRun) typeLine(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(b.stdin, line+"\n"); err != nil {
		t.Fatal(err)
	}
}

// TestIRCBridgeRelays: lines typed before the welcome go out after it,
// PING is answered, only the peer's private messages reach stdout
// (formatting stripped, /me as "/me TEXT"), the rest is escaped chatter
// on stderr, and EOF on stdin sends QUIT and exits 0.
func TestIRCBridgeRelays(t *testing.T) {
	srv := newFakeIRC(t)
	b := startBridge(t, srv.port())
	b.typeLine(t, "?OTRv23?")
	srv.register("127.0.0.1")
	srv.expect("PRIVMSG bob :?OTRv23?")
	srv.say("PING :tok en")
	srv.expect("PONG :tok en")
	b.typeLine(t, "héllo wörld")
	srv.expect("PRIVMSG bob :héllo wörld")
	srv.say(
		":Bob!~b@h PRIVMSG alice :\x02bold\x02 \x0304,12red\x03 \x1ditalic\x1d \x0399,99x\x0f",
		":bob!~b@h PRIVMSG alice :\x01ACTION waves \x02here\x02\x01",
		":bob!~b@h PRIVMSG alice :\x01VERSION\x01",
		":mallory!~m@h PRIVMSG alice :?OTR:AAMC\x1b[31m",
		":bob!~b@h PRIVMSG #chan :in a channel",
		":bob!~b@h NOTICE alice :a \x07notice",
		":irc.test 401 alice carol :No such nick/channel",
		":bob!~b@h PRIVMSG alice :?OTR:AAMDend.",
	)
	waitFor(t, "the peer's last message on stdout", func() bool { return strings.Contains(b.stdout.String(), "AAMDend.") })
	b.stdin.Close()
	srv.expect("QUIT")
	srv.conn.Close()
	if code := b.exit(t); code != 0 {
		t.Fatalf("exit %d after QUIT, want 0; stderr: %s", code, b.stderr.String())
	}
	wantOut := "bold red italic x\n/me waves here\n?OTR:AAMDend.\n"
	if got := b.stdout.String(); got != wantOut {
		t.Errorf("stdout %q, want %q", got, wantOut)
	}
	errs := b.stderr.String()
	for _, want := range []string{
		"irc: connected to 127.0.0.1 as alice, talking to bob\n",
		"irc: ignored a CTCP VERSION request from bob\n",
		`irc: message from mallory to alice (not relayed): ?OTR:AAMC\u{1b}[31m`,
		"irc: message from bob to #chan (not relayed): in a channel\n",
		`irc: notice from bob: a \u{7}notice`,
		"irc: server: carol No such nick/channel (401)\n",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "Looking up") {
		t.Errorf("the server's greeting was shown: %s", errs)
	}
	if strings.ContainsAny(errs+b.stdout.String(), "\x01\x02\x03\x07\x1b\x1d") {
		t.Errorf("a raw control character got through: %q / %q", b.stdout.String(), errs)
	}
}

// TestIRCBridgeLineLimit: a line is sent exactly when the line the peer
// receives, with the server's ":alice!~otr@host PRIVMSG bob :" in front,
// fits in 512 bytes; one byte more is refused and reported.
func TestIRCBridgeLineLimit(t *testing.T) {
	const host = "a-rather-long-host-name.example.org"
	srv := newFakeIRC(t)
	b := startBridge(t, srv.port())
	srv.register(host)
	prefix := ":alice!~otr@" + host + " PRIVMSG bob :"
	fits := strings.Repeat("x", irc.MaxLine-2-len(prefix))
	if n := len(prefix + fits + "\r\n"); n != irc.MaxLine {
		t.Fatalf("test bug: %d", n)
	}
	srv.say(":irc.test PONG irc.test :sync") // the 302 is read before the lines below
	time.Sleep(50 * time.Millisecond)
	b.typeLine(t, fits+"y")
	b.typeLine(t, fits)
	srv.expect("PRIVMSG bob :" + fits)
	b.stdin.Close()
	srv.expect("QUIT")
	srv.conn.Close()
	if code := b.exit(t); code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := fmt.Sprintf("irc: a %d-byte line does not fit in one IRC message here (at most %d): not sent", len(fits)+1, len(fits))
	if !strings.Contains(b.stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", b.stderr.String(), want)
	}
}

// TestIRCBridgeWorstCasePrefix: before the server says how it shows us,
// the limit assumes the longest user@host (USERLEN 10 with "~", HOSTLEN 63).
func TestIRCBridgeWorstCasePrefix(t *testing.T) {
	b := &ircBridge{nick: "alice", peer: "bob"}
	worst := len(":alice!~" + strings.Repeat("u", 10) + "@" + strings.Repeat("h", 63) + " PRIVMSG bob :\r\n")
	if got, want := b.maxText(), irc.MaxLine-worst; got != want {
		t.Errorf("maxText before USERHOST = %d, want %d", got, want)
	}
	b.learnUserhost("alice*=-~otr@x.y")
	if got, want := b.maxText(), irc.MaxLine-len(":alice!~otr@x.y PRIVMSG bob :\r\n"); got != want {
		t.Errorf("maxText after USERHOST = %d, want %d", got, want)
	}
}

// TestIRCBridgeFailures: a refused nick, a server ERROR and a closed
// connection are reported as "otr-irc-bridge: error:" lines and exit 1.
func TestIRCBridgeFailures(t *testing.T) {
	tests := []struct {
		name   string
		server func(*fakeIRC)
		want   string
	}{
		{"nick in use", func(f *fakeIRC) {
			f.accept()
			f.expect("NICK alice")
			f.say(":irc.test 433 * alice :Nickname already in use")
		}, `otr-irc-bridge: error: nickname in use: 127.0.0.1 refused the nickname "alice": Nickname already in use`},
		{"server error", func(f *fakeIRC) {
			f.register("h")
			f.say("ERROR :Closing connection: K-Lined \x1b[2J")
		}, `otr-irc-bridge: error: the IRC server closed the connection (127.0.0.1): Closing connection: K-Lined \u{1b}[2J`},
		{"connection closed", func(f *fakeIRC) {
			f.register("h")
			f.conn.Close()
		}, "otr-irc-bridge: error: the IRC server closed the connection (127.0.0.1)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFakeIRC(t)
			b := startBridge(t, srv.port())
			tt.server(srv)
			if code := b.exit(t); code != cliutil.ExitFailure {
				t.Errorf("exit %d, want %d", code, cliutil.ExitFailure)
			}
			if !strings.Contains(b.stderr.String(), tt.want) {
				t.Errorf("stderr %q lacks %q", b.stderr.String(), tt.want)
			}
		})
	}
}

func TestIRCBridgeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"h", "1", "alice"},
		{"h", "port", "alice", "bob"},
		{"h", "1", "alice", "bob x"},
		{"h", "1", "#chan", "bob"},
		{"--realname", "a\rb", "h", "1", "alice", "bob"},
		{"--no-such-flag", "h", "1", "alice", "bob"},
	} {
		var out, errb bytes.Buffer
		code := run(append([]string{"otr-irc-bridge"}, args...), strings.NewReader(""), &out, &errb)
		if code != cliutil.ExitUsage || !strings.HasPrefix(errb.String(), "otr-irc-bridge: error: ") ||
			!strings.Contains(errb.String(), "otr-irc-bridge: hint: see: otr-irc-bridge --help") {
			t.Errorf("otr-irc-bridge %q: exit %d (%q), want %d with an error and a hint", args, code, errb.String(), cliutil.ExitUsage)
		}
	}
}

// TestIRCBridgePacing: after --burst messages at once, the next waits
// --interval, so that a long fragmented message does not flood the server.
func TestIRCBridgePacing(t *testing.T) {
	srv := newFakeIRC(t)
	b := startBridge(t, srv.port(), "--burst", "2", "--interval", "300ms")
	srv.register("h")
	for i := range 4 {
		b.typeLine(t, fmt.Sprint("line ", i))
	}
	start := time.Now()
	for i := range 4 {
		srv.expect(fmt.Sprint("PRIVMSG bob :line ", i))
	}
	if d := time.Since(start); d < 500*time.Millisecond || d > 3*time.Second {
		t.Errorf("4 lines with --burst 2 --interval 300ms took %v, want about 600ms", d)
	}
	b.stdin.Close()
	srv.expect("QUIT")
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

// TestIRCBridgeStdoutGone: when the peer's message cannot be passed on
// (the chat reading stdout is gone), the bridge QUITs and exits 1.
func TestIRCBridgeStdoutGone(t *testing.T) {
	srv := newFakeIRC(t)
	r, w := io.Pipe()
	defer w.Close()
	var stderr syncbuf.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"otr-irc-bridge", "127.0.0.1", srv.port(), "alice", "bob"}, r, brokenWriter{}, &stderr)
	}()
	srv.register("h")
	srv.say(":bob!~b@h PRIVMSG alice :?OTRv3?")
	srv.expect("QUIT")
	srv.conn.Close()
	select {
	case code := <-done:
		if code != cliutil.ExitFailure || !strings.Contains(stderr.String(), "passing bob's messages on (stdout)") {
			t.Errorf("exit %d, stderr %q; want 1 and the reason", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the bridge did not exit")
	}
}

// TestIRCBridgeSignals: SIGINT and SIGTERM make the bridge QUIT and exit
// 0, but a SIGINT ignored by the parent (the chat, where Ctrl-C is a key)
// stays ignored.
func TestIRCBridgeSignals(t *testing.T) {
	bin := bridgeBinary(t)
	for _, tc := range []struct {
		name, trap string
		sig        syscall.Signal
		quits      bool
	}{
		{"SIGTERM", "", syscall.SIGTERM, true},
		{"SIGINT", "", syscall.SIGINT, true},
		{"ignored SIGINT", `trap "" INT;`, syscall.SIGINT, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeIRC(t)
			cmd := exec.Command("sh", "-c", tc.trap+` exec "$0" 127.0.0.1 "$1" alice bob`, bin, srv.port())
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = cmd.Process.Kill() }()
			srv.register("h")
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			if !tc.quits {
				time.Sleep(200 * time.Millisecond)
				if _, err := io.WriteString(stdin, "still here\n"); err != nil {
					t.Fatal(err)
				}
				srv.expect("PRIVMSG bob :still here") // not QUIT
				if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
					t.Fatal(err)
				}
			}
			srv.expect("QUIT")
			srv.conn.Close()
			if err := cmd.Wait(); err != nil {
				t.Errorf("exit: %v, want 0", err)
			}
		})
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

var (
	bridgeOnce sync.Once
	bridgeBin  string
	bridgeErr  error
)

// bridgeBinary builds otr-irc-bridge once for the tests that need a process.
func bridgeBinary(t *testing.T) string {
	t.Helper()
	bridgeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "otr-irc-bridge-test")
		if err != nil {
			bridgeErr = err
			return
		}
		bridgeBin = filepath.Join(dir, "otr-irc-bridge")
		if out, err := exec.Command("go", "build", "-o", bridgeBin, ".").CombinedOutput(); err != nil {
			bridgeErr = fmt.Errorf("building otr-irc-bridge: %v\n%s", err, out)
		}
	})
	if bridgeErr != nil {
		t.Fatal(bridgeErr)
	}
	return bridgeBin
}
