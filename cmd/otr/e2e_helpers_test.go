package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end tests build the real binary and drive two identities
// with nothing but the command line.
var (
	binOnce   sync.Once
	binPath   string
	binErr    error
	identOnce sync.Once
	identDirs [2]string
	tmpRoot   string // holds the binary and the shared identities
)

func TestMain(m *testing.M) {
	var err error
	if tmpRoot, err = os.MkdirTemp("", "otr-e2e-"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

func otrBinary(t *testing.T) string {
	t.Helper()
	return cliBinary(t)
}

type buildError struct{ out []byte }

func (e *buildError) Error() string { return string(e.out) }

// party is one identity (a state directory) and the peer name it uses
// for the other side.
type party struct {
	t    *testing.T
	dir  string
	peer string
}

// result is one invocation's outcome; events are the JSON display lines.
type result struct {
	stdout, stderr string
	code           int
	events         []map[string]any
}

func (r result) kinds() []string {
	var out []string
	for _, e := range r.events {
		out = append(out, e["event"].(string))
	}
	return out
}

func (r result) event(kind string) map[string]any {
	for _, e := range r.events {
		if e["event"] == kind {
			return e
		}
	}
	return nil
}

// otr runs the binary with --state and --json.
func (p *party) otr(stdin string, args ...string) result {
	p.t.Helper()
	return runOTR(p.t, stdin, nil, append([]string{"--state", p.dir, "--json"}, args...)...)
}

func runOTR(t *testing.T, stdin string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(otrBinary(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running otr %q: %v", args, err)
	}
	for _, line := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(line, "{") {
			var e map[string]any
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("display line is not JSON: %q", line)
			}
			r.events = append(r.events, e)
		}
	}
	return r
}

func (p *party) must(stdin string, args ...string) result {
	p.t.Helper()
	r := p.otr(stdin, args...)
	if r.code != 0 {
		p.t.Fatalf("otr %q exited %d:\n%s", args, r.code, r.stderr)
	}
	return r
}

func (p *party) send(text string) string { return p.must(text+"\n", "send", "--peer", p.peer).stdout }

func (p *party) recv(lines string) result { return p.must(lines, "recv", "--peer", p.peer) }

// pair makes two identities (keys made once per test run, copied).
func pair(t *testing.T) (alice, bob *party) {
	t.Helper()
	identOnce.Do(func() {
		for i, name := range []string{"a", "b"} {
			identDirs[i] = filepath.Join(tmpRoot, name)
			runOTR(t, "", nil, "--state", identDirs[i], "keygen")
		}
	})
	dirs := [2]string{}
	for i := range dirs {
		dirs[i] = filepath.Join(t.TempDir(), "state")
		copyState(t, identDirs[i], dirs[i])
	}
	return &party{t, dirs[0], "bob"}, &party{t, dirs[1], "alice"}
}

func copyState(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Mkdir(to, 0o700); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(from, "identity.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(to, "identity.toml"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// exchange delivers lines to `to`, then its replies back, until one side
// has nothing more to say; it returns every result in order.
func exchange(t *testing.T, to, from *party, lines string) []result {
	t.Helper()
	var all []result
	for i := 0; lines != "" && i < 10; i++ {
		r := to.recv(lines)
		all = append(all, r)
		lines = r.stdout
		to, from = from, to
	}
	return all
}

// handshake runs query → AKE; both sides must report "secure".
func handshake(t *testing.T, starter, other *party) (starterSecure, otherSecure map[string]any) {
	t.Helper()
	q := starter.must("", "query", "--peer", starter.peer).stdout
	for i, r := range exchange(t, other, starter, q) {
		if e := r.event("secure"); e != nil {
			if i%2 == 0 {
				otherSecure = e
			} else {
				starterSecure = e
			}
		}
	}
	if starterSecure == nil || otherSecure == nil {
		t.Fatalf("the AKE did not complete on both sides: %v / %v", starterSecure, otherSecure)
	}
	return starterSecure, otherSecure
}

func (p *party) peerFile() string {
	p.t.Helper()
	return filepath.Join(p.dir, "peers", p.peer+".toml")
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return data
}

// waitFor polls until cond holds, failing the test after 30 s (generous:
// the machines that run the tests are shared and slow under load).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
