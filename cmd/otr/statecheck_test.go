package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A --state naming a file used to fail with a permission or "does not
// exist" error; it says what is wrong now.
func TestStateThatIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--state", file, "status"},
		{"--state", file, "keygen"},
		{"--state", file, "send", "--peer", "bob"},
		{"--state", filepath.Join(file, "sub"), "query", "--peer", "bob"},
		{"status", "--state", file},
	} {
		stdout, stderr, code := runInProcess("hi\n", args...)
		if code != exitFailure || stdout != "" || !strings.Contains(stderr, "not a directory\notr: hint: pass --state DIR (or set OTR_STATE) naming a directory") {
			t.Errorf("otr %q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	if err := checkStateDir(file); !errors.Is(err, ErrStateNotDir) {
		t.Errorf("checkStateDir(file) = %v, want ErrStateNotDir", err)
	}
	if err := checkStateDir(t.TempDir()); err != nil {
		t.Errorf("checkStateDir(dir) = %v", err)
	}
	t.Setenv("OTR_STATE", file)
	if _, stderr, code := runInProcess("", "fingerprint"); code != exitFailure || !strings.Contains(stderr, "is a file, not a directory") {
		t.Errorf("OTR_STATE naming a file: exit %d, %q", code, stderr)
	}
}
