package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A plaintext message reads "PEER (unencrypted): …"; no warning after it
// says so again. send warns once a run, not after every line.
func TestPlaintextIsSaidOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	mustRun(t, "", "--state", dir, "keygen")
	_, stderr, code := runInProcess("hello\nworld\n", "--state", dir, "recv", "--peer", "bob")
	if code != 0 || stderr != "bob (unencrypted): hello\nbob (unencrypted): world\n" {
		t.Errorf("recv of plaintext: exit %d, display %q", code, stderr)
	}
	_, stderr, code = runInProcess("one\ntwo\nthree\n", "--state", dir, "send", "--peer", "bob")
	if code != 0 || strings.Count(stderr, "UNENCRYPTED") != 1 {
		t.Errorf("send of three plaintext lines: exit %d, display %q; want one warning", code, stderr)
	}
	// Scripts reading JSON still get every event.
	_, stderr, _ = runInProcess("hello\n", "--state", dir, "--json", "recv", "--peer", "bob")
	if !strings.Contains(stderr, `"event":"message"`) {
		t.Errorf("recv --json: %q", stderr)
	}
}
