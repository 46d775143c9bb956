package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/otrtool/otr/pkg/state"
)

// hookTag builds the test hooks (state.HangBeforeRenameEnv) into the
// binary; the shipped binary is built without it.
const hookTag = "otrtesthooks"

var (
	hookOnce sync.Once
	hookPath string
	hookErr  error
)

// otrHookBinary is the otr binary built with the test hooks, for the tests
// that kill it at a chosen instant.
func otrHookBinary(t *testing.T) string {
	t.Helper()
	hookOnce.Do(func() {
		hookPath = filepath.Join(tmpRoot, "otr-hooks")
		out, err := exec.Command("go", "build", "-tags", hookTag, "-o", hookPath, ".").CombinedOutput()
		if err != nil {
			hookErr = &buildError{out}
		}
	})
	if hookErr != nil {
		t.Fatalf("building otr with %s: %v", hookTag, hookErr)
	}
	return hookPath
}

// TestShippedBinaryHasNoTestHooks: the normal build does not even contain
// the hook's name, and the hook build does (so the check can fail).
func TestShippedBinaryHasNoTestHooks(t *testing.T) {
	name := []byte(state.HangBeforeRenameEnv)
	shipped, err := os.ReadFile(otrBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(shipped, name) {
		t.Errorf("the normal build contains %s", name)
	}
	hooked, err := os.ReadFile(otrHookBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(hooked, name) {
		t.Errorf("the %s build lacks %s: the check above proves nothing", hookTag, name)
	}
}
