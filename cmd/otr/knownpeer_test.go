package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A typo in --peer must not begin a session: send would otherwise put the
// text on the wire in plaintext and save a new peer.
func TestUnknownPeerIsAnError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	mustRun(t, "", "--state", dir, "keygen")
	mustRun(t, "", "--state", dir, "query", "--peer", "bob")
	mustRun(t, "", "--state", dir, "query", "--peer", "alice")
	mustRun(t, "hello\n", "--state", dir, "recv", "--peer", "bobby")
	cases := [][]string{
		{"send", "--peer", "bobb"},
		{"status", "--peer", "bobb"},
		{"smp", "start", "--peer", "bobb"},
		{"smp", "answer", "--peer", "bobb"},
		{"smp", "abort", "--peer", "bobb"},
		{"close", "--peer", "bobb"},
		{"heartbeat", "--peer", "bobb"},
		{"extra-key", "--peer", "bobb", "--use", "1"},
		{"trust", "--peer", "bobb"},
		{"trust", "--peer", "bobb", "list"},
		{"trust", "--peer", "bobb", "verify"},
		{"trust", "--peer", "bobb", "unverify"},
		{"parse", "--peer", "bobb"},
	}
	for _, args := range cases {
		stdout, stderr, code := runInProcess("secret text\n", append([]string{"--state", dir}, args...)...)
		if code != exitFailure || stdout != "" {
			t.Errorf("otr %q: exit %d, stdout %q; want exit 1 and nothing on stdout", args, code, stdout)
		}
		if !strings.Contains(stderr, "no saved session with bobb; known peers (closest first): bob, bobby, alice\n") ||
			!strings.Contains(stderr, "otr: hint: to begin a conversation: otr query --peer bobb") {
			t.Errorf("otr %q: stderr %q; want the known peers, closest first, and how to begin", args, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "peers", "bobb.toml")); err == nil {
			t.Fatalf("otr %q saved a peer bobb", args)
		}
	}
	if stdout, _, code := runInProcess("", "--state", dir, "status"); code != 0 || !strings.Contains(stdout, "peers: 3") {
		t.Errorf("status without --peer: exit %d, %q; want all three peers", code, stdout)
	}
	if stdout, _, code := runInProcess("", "--state", dir, "query", "--peer", "carol"); code != 0 || !strings.Contains(stdout, "?OTR") {
		t.Errorf("query begins a new peer: exit %d, %q", code, stdout)
	}
}

func TestUnknownPeerErrorIs(t *testing.T) {
	err := withHint(&unknownPeerError{peer: "x"}, "h")
	if !errors.Is(err, ErrUnknownPeer) {
		t.Error("errors.Is(err, ErrUnknownPeer) is false")
	}
	many := &unknownPeerError{peer: "x", known: strings.Fields("a b c d e f g h i j")}
	if !strings.HasSuffix(many.Error(), "a, b, c, d, e, f, g, h and 2 more") {
		t.Errorf("a long list: %q", many.Error())
	}
}

func TestEditDistanceOrdersTypos(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"sedn", "send", 1}, {"send", "send", 0}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"bobb", "bob", 1}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
	if got := closest("sedn", []string{"recv", "send", "status"}); got != "send" {
		t.Errorf("closest(sedn) = %q", got)
	}
	if got := closest("zzzz", []string{"recv", "send"}); got != "" {
		t.Errorf("closest(zzzz) = %q, want none", got)
	}
}

// mustRun runs in process and fails the test on a non-zero exit.
func mustRun(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	stdout, stderr, code := runInProcess(stdin, args...)
	if code != 0 {
		t.Fatalf("otr %q: exit %d: %s", args, code, stderr)
	}
	return stdout
}

// A peer name with control characters is shown escaped once in the error
// and hint: no raw byte reaches the terminal, no doubled backslash.
func TestUnknownPeerNameEscapedOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	mustRun(t, "", "--state", dir, "keygen")
	_, stderr, code := runInProcess("", "--state", dir, "send", "--peer", "bo\x1bb")
	if code != exitFailure || strings.Contains(stderr, "\x1b") || !strings.Contains(stderr, `'bo\u{1b}b'`) || strings.Contains(stderr, `\\u{1b}`) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
