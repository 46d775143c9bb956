package main

import (
	"strings"
	"testing"
)

// debugExchange relays lines between two parties with --debug on, and
// collects every debug message each side showed.
func debugExchange(t *testing.T, to, from *party, lines string, seen map[*party][]string) {
	t.Helper()
	for i := 0; lines != "" && i < 10; i++ {
		r := to.must(lines, "--debug", "recv", "--peer", to.peer)
		noteDebug(seen, to, r)
		lines = r.stdout
		to, from = from, to
	}
}

func noteDebug(seen map[*party][]string, p *party, r result) {
	for _, e := range r.events {
		if e["event"] == "debug" {
			seen[p] = append(seen[p], e["message"].(string))
		}
	}
}

// --debug shows each AKE and SMP step on the side that sent or received it.
func TestDebugShowsAKEAndSMPSteps(t *testing.T) {
	alice, bob := pair(t)
	seen := map[*party][]string{}
	q := alice.must("", "--debug", "query", "--peer", "bob")
	debugExchange(t, bob, alice, q.stdout, seen)
	// bob answers the query, so bob commits.
	want := map[*party][]string{
		bob: {"AKE: sent D-H Commit (1/4), OTR v3", "AKE: received D-H Key (2/4), OTR v3",
			"AKE: sent Reveal Signature (3/4), OTR v3", "AKE: received Signature (4/4), OTR v3"},
		alice: {"AKE: received D-H Commit (1/4), OTR v3", "AKE: sent D-H Key (2/4), OTR v3",
			"AKE: received Reveal Signature (3/4), OTR v3", "AKE: sent Signature (4/4), OTR v3"},
	}
	checkDebugOrder(t, seen, want)

	seen = map[*party][]string{}
	start := alice.must("s3cret\n", "--debug", "smp", "start", "--peer", "bob", "--question", "q?")
	noteDebug(seen, alice, start)
	debugExchange(t, bob, alice, start.stdout, seen)
	answer := bob.must("s3cret\n", "--debug", "smp", "answer", "--peer", "alice")
	noteDebug(seen, bob, answer)
	debugExchange(t, alice, bob, answer.stdout, seen)
	want = map[*party][]string{
		alice: {"SMP: sent step 1/4 with a question", "SMP: received step 2/4", "SMP: sent step 3/4", "SMP: received step 4/4"},
		bob:   {"SMP: received step 1/4 with a question", "SMP: sent step 2/4", "SMP: received step 3/4", "SMP: sent step 4/4"},
	}
	checkDebugOrder(t, seen, want)

	// Without --debug, none of it.
	r := alice.must("", "query", "--peer", "bob")
	if strings.Contains(r.stderr, "debug") {
		t.Errorf("debug events without --debug: %s", r.stderr)
	}
}

func checkDebugOrder(t *testing.T, seen, want map[*party][]string) {
	t.Helper()
	for p, steps := range want {
		got := strings.Join(seen[p], "\n")
		at := 0
		for _, s := range steps {
			i := strings.Index(got[at:], s)
			if i < 0 {
				t.Fatalf("%s's debug events lack %q (in order):\n%s", p.peer, s, got)
			}
			at += i + len(s)
		}
	}
}

// query on a private conversation says it refreshes it, and the AKE that
// follows reports "refreshed", not a new start.
func TestQueryRefreshesAPrivateConversation(t *testing.T) {
	alice, bob := pair(t)
	first, _ := handshake(t, alice, bob)
	if first["refreshed"] != nil {
		t.Errorf("the first AKE says refreshed: %v", first)
	}
	q := alice.must("", "query", "--peer", "bob")
	if q.event("refreshing") == nil {
		t.Errorf("query on a private conversation showed %v, want a refreshing event", q.kinds())
	}
	text := runOTR(t, "", nil, "--state", alice.dir, "query", "--peer", "bob")
	if !strings.Contains(text.stderr, "refreshing the private conversation with bob") {
		t.Errorf("query's text: %q", text.stderr)
	}
	r1 := bob.recv(q.stdout)    // D-H Commit
	r2 := alice.recv(r1.stdout) // D-H Key
	r3 := bob.recv(r2.stdout)   // Reveal Signature
	r4 := alice.recv(r3.stdout) // Signature; alice is secure again
	if e := r4.event("secure"); e == nil || e["refreshed"] != true {
		t.Errorf("alice's secure event after the refresh: %v", e)
	}
	r5 := runOTR(t, r4.stdout, nil, "--state", bob.dir, "recv", "--peer", "alice")
	if !strings.Contains(r5.stderr, "private conversation with alice refreshed (OTR v3)") {
		t.Errorf("bob's text after the refresh: %q", r5.stderr)
	}
	if q := runOTR(t, "", nil, "--state", t.TempDir(), "query", "--peer", "x"); strings.Contains(q.stderr, "refreshing") {
		t.Errorf("query without a private conversation says refreshing: %q", q.stderr)
	}
}
