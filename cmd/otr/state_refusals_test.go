package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStateRefusalsSayWhatToDo: a state directory that is a symlink or
// belongs to another user is refused with an error naming it and a hint,
// in text and in the JSON error event.
func TestStateRefusalsSayWhatToDo(t *testing.T) {
	alice, _ := pair(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(alice.dir, link); err != nil {
		t.Fatal(err)
	}
	r := runOTR(t, "hi\n", nil, "--state", link, "send", "--peer", "bob")
	if r.code != exitFailure || !strings.Contains(r.stderr, link+" is a symbolic link") ||
		!strings.Contains(r.stderr, "otr: hint: replace the link") {
		t.Errorf("a symlinked state: exit %d, stderr %q", r.code, r.stderr)
	}

	if os.Geteuid() != 0 {
		t.Skip("needs root to give the state to another user")
	}
	if err := os.Chown(alice.dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	r = alice.otr("hi\n", "send", "--peer", "bob")
	e := r.event("error")
	if r.code != exitFailure || e == nil || !strings.Contains(e["message"].(string), "belongs to uid 65534") ||
		!strings.Contains(r.stderr, "otr: hint: run otr as its owner") || r.stdout != "" {
		t.Errorf("a state of another user: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
