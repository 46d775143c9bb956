package main

import (
	"strings"
	"testing"
)

func TestExtraKey(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	r := alice.must("", "extra-key", "--peer", "bob", "--use", "7", "--context", "00ff10")
	mine := r.event("extra_key")
	theirs := bob.recv(r.stdout).event("extra_key")
	if mine == nil || theirs == nil {
		t.Fatalf("extra_key events: alice %v, bob %v", mine, theirs)
	}
	for _, e := range []map[string]any{mine, theirs} {
		if e["use"] != float64(7) || e["context"] != "00ff10" || len(e["key"].(string)) != 64 {
			t.Errorf("extra_key event %v", e)
		}
	}
	if mine["key"] != theirs["key"] {
		t.Errorf("keys differ: %v vs %v", mine["key"], theirs["key"])
	}
}

func TestCloseAndRestart(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	closing := alice.must("", "close", "--peer", "bob")
	if closing.event("closed") == nil {
		t.Fatalf("alice saw %v, want closed", closing.kinds())
	}
	if bob.recv(closing.stdout).event("finished") == nil {
		t.Fatal("bob did not see finished")
	}
	// Bob may not leak text into a conversation the peer ended.
	before := readFile(t, bob.peerFile())
	r := bob.otr("secret text\n", "send", "--peer", "alice")
	if r.code != exitFailure || r.stdout != "" || !strings.Contains(r.stderr, "otr: hint: ") {
		t.Fatalf("send after finished: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if string(readFile(t, bob.peerFile())) != string(before) {
		t.Error("the refused send changed bob's state")
	}
	if bob.must("", "close", "--peer", "alice").event("closed") == nil {
		t.Error("bob's close from finished gives no closed event")
	}
	// Restart: a new AKE and messages both ways.
	handshake(t, bob, alice)
	assertDelivered(t, alice, bob, "after restart", "")
	assertDelivered(t, bob, alice, "and back", "")
}

func TestHeartbeat(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	r := alice.must("", "heartbeat", "--peer", "bob")
	got := bob.recv(r.stdout)
	if got.event("message") != nil || got.event("error") != nil {
		t.Errorf("a heartbeat showed %v", got.kinds())
	}
	assertDelivered(t, bob, alice, "still fine", "")
}

func TestRequireEncryptionQueuesUntilSecure(t *testing.T) {
	alice, bob := pair(t)
	alice.must("", "policy", "require-encryption=true")
	alice.must("", "query", "--peer", "bob") // begins the session; send never does
	r := alice.must("queued one\nqueued two\n", "send", "--peer", "bob")
	if strings.Contains(r.stdout, "queued") || strings.Count(r.stdout, "?OTR") != 1 {
		t.Fatalf("with require-encryption, send printed %q: want only one query", r.stdout)
	}
	var texts []string
	for _, res := range exchange(t, bob, alice, r.stdout) {
		for _, e := range res.events {
			if e["event"] == "message" {
				texts = append(texts, e["text"].(string))
			}
		}
	}
	if strings.Join(texts, "|") != "queued one|queued two" {
		t.Errorf("bob got %q, want the two queued messages in order", texts)
	}
}
