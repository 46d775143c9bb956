package main

import (
	"strings"
	"testing"
	"time"
)

// TestSMPFragmentSize: --smp-fragment-size splits SMP messages (only them)
// and the peer reassembles them.
func TestSMPFragmentSize(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	start := alice.must("pet\n", "smp", "start", "--peer", alice.peer, "--smp-fragment-size", "200")
	lines := strings.Split(strings.TrimSuffix(start.stdout, "\n"), "\n")
	if len(lines) < 5 {
		t.Fatalf("SMP message 1 in %d lines with --smp-fragment-size 200", len(lines))
	}
	for _, l := range lines {
		if len(l) > 200 {
			t.Fatalf("a %d-character SMP fragment", len(l))
		}
	}
	if r := bob.recv(start.stdout); r.event("smp_request") == nil {
		t.Fatalf("fragmented SMP message 1 not reassembled: %v", r.kinds())
	}
	msg := alice.must("a chat line\n", "send", "--peer", alice.peer, "--smp-fragment-size", "200").stdout
	if n := strings.Count(msg, "\n"); n != 1 {
		t.Fatalf("an ordinary message in %d lines: --smp-fragment-size must only split SMP messages", n)
	}
}

// TestHeartbeatInterval: after a quiet period, receiving a message makes
// recv answer with a heartbeat; --heartbeat-interval 0 turns that off.
func TestHeartbeatInterval(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	time.Sleep(20 * time.Millisecond)
	if r := bob.must(alice.send("quiet"), "recv", "--peer", bob.peer, "--heartbeat-interval", "0"); r.stdout != "" {
		t.Fatalf("a reply with --heartbeat-interval 0: %q", r.stdout)
	}
	r := bob.must(alice.send("quiet again"), "recv", "--peer", bob.peer, "--heartbeat-interval", "10ms")
	if !strings.HasPrefix(r.stdout, "?OTR:") || strings.Count(r.stdout, "\n") != 1 {
		t.Fatalf("no heartbeat after 20 ms with --heartbeat-interval 10ms: %q", r.stdout)
	}
	if got := alice.recv(r.stdout); got.event("heartbeat") == nil || got.event("message") != nil {
		t.Fatalf("alice's view of the heartbeat: %v", got.kinds())
	}
	if r := bob.otr("x\n", "send", "--peer", bob.peer, "--heartbeat-interval", "soon"); r.code != exitUsage {
		t.Fatalf("--heartbeat-interval soon: exit %d", r.code)
	}
}
