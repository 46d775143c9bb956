package irctest

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestIrssi holds one conversation between irssi (with its OTR module)
// and our side over a real IRC server, step by step: AKE started by
// irssi, messages both ways (UTF-8, /me, long enough to be fragmented),
// SMP asked by irssi with a question and answered by us, SMP started by
// us, a wrong secret, /otr finish in irssi, AKE started by us, and our
// close. irssi's window must never show an OTR error, ours no error event.
func TestIrssi(t *testing.T) {
	needTools(t)
	t.Parallel()
	otr := buildOTR(t)
	srv := startNgircd(t)
	carolState, aliceState := newIdentity(t, otr), newIdentity(t, otr)
	ir := startIrssi(t, otr, carolState, "carol", srv.port)
	us := startOurs(t, otr, aliceState, "alice", "carol", srv.port)

	step(t, "irssi starts the AKE", func() {
		ir.typeLine("/query alice")
		ir.typeLine("/otr init")
		ir.waitLog("alice", "Session secured")
		ev := us.waitEvent("secure")
		if ev["version"] != float64(3) {
			t.Errorf("secure event %v, want OTR version 3", ev)
		}
	})
	step(t, "messages both ways", func() {
		ir.typeLine("hello from irssi, ünïcödé ✓")
		wantText(t, us.waitEvent("message"), "hello from irssi, ünïcödé ✓")
		us.say("hello from otr, ünïcödé ✓")
		ir.waitLog("alice", "hello from otr, ünïcödé ✓")
		ir.typeLine("/me waves")
		wantText(t, us.waitEvent("message"), "/me waves")
	})
	step(t, "a long message, fragmented", func() {
		long := strings.Repeat("0123456789 ünïcödé ", 60) + "end"
		us.say(long)
		ir.waitLog("alice", long)
	})
	step(t, "SMP asked by irssi with a question, answered by us", func() {
		ir.typeLine(`/otr authq "what is our café?" blue`)
		ev := us.waitEvent("smp_request")
		if ev["question"] != "what is our café?" {
			t.Fatalf("smp_request %v, want the question %q", ev, "what is our café?")
		}
		us.smpAnswer("blue")
		us.waitEvent("smp_succeeded")
		ir.waitLog("alice", "Authentication with alice successful")
	})
	step(t, "SMP started by us", func() {
		us.smpStart("sesame", "")
		ir.waitLog("alice", "alice wants to authenticate")
		ir.typeLine("/otr auth sesame")
		ir.waitLog("alice", "Authentication with alice successful")
		us.waitEvent("smp_succeeded")
	})
	step(t, "a wrong secret fails on both sides", func() {
		us.smpStart("right", "which one?")
		ir.waitLog("alice", "Question: which one?")
		ir.typeLine("/otr auth wrong")
		ir.waitLog("alice", "Authentication with alice failed")
		us.waitEvent("smp_failed")
	})
	step(t, "/otr finish in irssi", func() {
		ir.typeLine("/otr finish")
		ir.waitLog("alice", "Finished conversation with alice")
		us.waitEvent("finished")
	})
	step(t, "we start the AKE", func() {
		us.query()
		ir.waitLog("alice", "Session secured")
		us.waitEvent("secure")
		us.say("secure again")
		ir.waitLog("alice", "secure again")
	})
	step(t, "we close", func() {
		us.closeOTR()
		ir.waitLog("alice", "alice has finished the OTR session")
	})
	ir.noErrors("alice")
	us.noErrors()
	checkLineSizes(t, ir, "alice", us.bridgeErr.String())
	us.quit()
	if !poll(5*time.Second, func() bool { return srv.quitSeen("alice") }) {
		t.Error("the server never got our QUIT")
	}
}

// checkLineSizes: every line irssi got from nick fit in IRC's 512 bytes
// with the server's prefix, the fragments filled them to the irc preset,
// and our bridge refused none.
func checkLineSizes(t *testing.T, ir *irssi, nick, bridgeErr string) {
	t.Helper()
	longest, n := ir.longestFrom(nick)
	t.Logf("measured: the longest of %d lines irssi received from %s was %d bytes (limit 512)", n, nick, longest)
	if n == 0 || longest > 512 {
		t.Errorf("irssi received %d lines from %s, the longest %d bytes: want some, none over 512", n, nick, longest)
	}
	prefix := len(":" + nick + "!~otr@127.0.0.1 PRIVMSG carol :\r\n")
	if longest < prefix+300 {
		t.Errorf("the longest line from %s was %d bytes: fragments of up to 362 characters were expected", nick, longest)
	}
	if strings.Contains(bridgeErr, "does not fit") {
		t.Errorf("our bridge refused a line:\n%s", bridgeErr)
	}
}

// newIdentity makes an otr identity in a fresh state directory.
func newIdentity(t *testing.T, otr string) string {
	t.Helper()
	state := filepath.Join(t.TempDir(), "state")
	if out, err := exec.Command(otr, "--state", state, "keygen").CombinedOutput(); err != nil {
		t.Fatalf("otr keygen: %v\n%s", err, out)
	}
	return state
}

func itoa(n int) string { return strconv.Itoa(n) }

// step runs one part of the conversation; the rest depends on it.
func step(t *testing.T, name string, f func()) {
	t.Helper()
	if t.Failed() {
		return
	}
	start := time.Now()
	f()
	t.Logf("step: %s (%.1fs)", name, time.Since(start).Seconds())
}

func wantText(t *testing.T, ev map[string]any, text string) {
	t.Helper()
	if ev["text"] != text || ev["encrypted"] != true {
		t.Fatalf("we showed %v, want the encrypted message %q", ev, text)
	}
}
