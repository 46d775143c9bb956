package irctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/otrtool/otr/internal/syncbuf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ours is our side: otr-irc-bridge connected to the server, its output
// piped into a long-running "otr recv", whose replies and every "otr
// send" (one per message) go back into the bridge — the chat of
// scripts/chat.sh, driven from the test.
type ours struct {
	t                 *testing.T
	otr, state, peer  string
	display           string
	toNet             *os.File
	bridge, recv      *exec.Cmd
	bridgeErr, recvEr syncbuf.Buffer
	mark              int
}

func startOurs(t *testing.T, otr, state, nick, peer string, port int) *ours {
	t.Helper()
	o := &ours{t: t, otr: otr, state: state, peer: peer, display: filepath.Join(t.TempDir(), "display")}
	netIn, toNet, err := os.Pipe()
	check(t, err)
	fromNet, netOut, err := os.Pipe()
	check(t, err)
	o.toNet = toNet
	o.bridge = exec.Command(bridgeBeside(otr), "127.0.0.1", fmt.Sprint(port), nick, peer)
	o.bridge.Stdin, o.bridge.Stdout, o.bridge.Stderr = netIn, netOut, &o.bridgeErr
	o.recv = exec.Command(otr, "--state", state, "--json", "--display", o.display, "--fragment-size", "irc", "recv", "--peer", peer)
	o.recv.Stdin, o.recv.Stdout, o.recv.Stderr = fromNet, toNet, &o.recvEr
	check(t, o.bridge.Start())
	check(t, o.recv.Start())
	netIn.Close()
	netOut.Close()
	fromNet.Close()
	t.Cleanup(func() {
		toNet.Close()
		_ = o.bridge.Process.Kill()
		_ = o.recv.Process.Kill()
		_, _ = o.bridge.Process.Wait()
		_, _ = o.recv.Process.Wait()
		if t.Failed() {
			t.Logf("our bridge said:\n%s\nour recv said:\n%s\nour display:\n%s", &o.bridgeErr, &o.recvEr, o.events())
		}
	})
	if !poll(10*time.Second, func() bool { return strings.Contains(o.bridgeErr.String(), "irc: connected") }) {
		t.Fatalf("our bridge did not connect: %s", &o.bridgeErr)
	}
	return o
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// do runs one otr step whose wire lines go to the peer.
func (o *ours) do(stdin string, args ...string) {
	o.t.Helper()
	cmd := exec.Command(o.otr, append([]string{"--state", o.state, "--json", "--display", o.display, "--fragment-size", "irc"}, args...)...)
	cmd.Stdin, cmd.Stdout = strings.NewReader(stdin), o.toNet
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		o.t.Fatalf("otr %q: %v\n%s", args, err, &errb)
	}
}

func (o *ours) query()                  { o.do("", "query", "--peer", o.peer) }
func (o *ours) say(text string)         { o.do(text+"\n", "send", "--peer", o.peer) }
func (o *ours) smpAnswer(secret string) { o.do(secret+"\n", "smp", "answer", "--peer", o.peer) }
func (o *ours) closeOTR()               { o.do("", "close", "--peer", o.peer) }
func (o *ours) smpStart(secret, q string) {
	args := []string{"smp", "start", "--peer", o.peer}
	if q != "" {
		args = append(args, "--question", q)
	}
	o.do(secret+"\n", args...)
}

func (o *ours) events() string {
	b, _ := os.ReadFile(o.display)
	return string(b)
}

// waitEvent waits for the next display event of kind (after those seen)
// and returns it.
func (o *ours) waitEvent(kind string) map[string]any {
	o.t.Helper()
	var found map[string]any
	if !poll(20*time.Second, func() bool {
		all := o.events()
		for off := o.mark; off < len(all); {
			end := strings.IndexByte(all[off:], '\n')
			if end < 0 {
				return false
			}
			var ev map[string]any
			if json.Unmarshal([]byte(all[off:off+end]), &ev) == nil && ev["event"] == kind {
				found, o.mark = ev, off+end+1
				return true
			}
			off += end + 1
		}
		return false
	}) {
		o.t.Fatalf("we never showed a %q event; since the last check:\n%s", kind, o.events()[o.mark:])
	}
	return found
}

// noErrors checks that we showed no error event.
func (o *ours) noErrors() {
	o.t.Helper()
	if strings.Contains(o.events(), `"event":"error"`) {
		o.t.Errorf("we showed an error:\n%s", o.events())
	}
}

// quit ends the bridge as a user would (SIGTERM): it must QUIT and exit 0.
func (o *ours) quit() {
	o.t.Helper()
	check(o.t, o.bridge.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- o.bridge.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			o.t.Errorf("the bridge exited with %v after SIGTERM: %s", err, &o.bridgeErr)
		}
	case <-time.After(10 * time.Second):
		o.t.Fatal("the bridge did not exit after SIGTERM")
	}
}
