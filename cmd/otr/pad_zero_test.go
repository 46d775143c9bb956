package main

import (
	"strings"
	"testing"
)

// --pad 0 is the default spelled out: no padding. A negative size is a
// usage error.
func TestPadZeroPadsNothing(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	plain := alice.must("short\n", "send", "--peer", alice.peer).stdout
	zero := alice.must("short\n", "send", "--peer", alice.peer, "--pad", "0").stdout
	padded := alice.must("short\n", "send", "--peer", alice.peer, "--pad", "256").stdout
	if len(zero) != len(plain) || len(padded) <= len(plain) {
		t.Fatalf("lengths: plain %d, --pad 0 %d, --pad 256 %d", len(plain), len(zero), len(padded))
	}
	if r := alice.otr("x\n", "send", "--peer", alice.peer, "--pad", "-1"); r.code != exitUsage || !strings.Contains(r.stderr, "from 0 (no padding)") {
		t.Fatalf("--pad -1: exit %d, %q", r.code, r.stderr)
	}
}
