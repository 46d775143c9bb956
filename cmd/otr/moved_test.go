package main

import (
	"strings"
	"testing"
)

// TestIRCBridgeMoved: "otr irc-bridge" is a usage error that names the
// command the bridge became.
func TestIRCBridgeMoved(t *testing.T) {
	_, stderr, code := runInProcess("", "irc-bridge", "h", "1", "alice", "bob")
	if code != exitUsage || !strings.Contains(stderr, `otr: error: unknown command "irc-bridge"`) ||
		!strings.Contains(stderr, "otr: hint: the IRC bridge is a command of its own now: otr-irc-bridge") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
