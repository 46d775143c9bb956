package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// The issue 11 row "full AKE + SMP through otr, one process per step, vs
// two libotr processes": the same conversation (query, the four AKE
// messages, a successful SMP) run by the otr command, one process per
// step as a script would, and by two long-running libotr 4.1.1 processes
// (internal/libotrpeer) with the test relaying lines. scripts/bench-cli.sh
// runs it; `go test -run '^$' -bench FullAKESMP ./cmd/otr` alone too.

const flowSecret = "correct horse battery staple"

func BenchmarkFullAKESMP(b *testing.B) {
	bin := cliBinary(b)
	tmpl := b.TempDir()
	for _, who := range []string{"alice", "bob"} {
		flowRun(b, bin, filepath.Join(tmpl, who), "", "keygen")
	}
	var ours, theirs time.Duration
	for i := 0; i < b.N; i++ {
		ours += otrFlow(b, bin, tmpl)
		theirs += libotrFlow(b)
	}
	b.ReportMetric(float64(ours.Microseconds())/1000/float64(b.N), "otr-ms/op")
	b.ReportMetric(float64(theirs.Microseconds())/1000/float64(b.N), "libotr-ms/op")
	b.ReportMetric(float64(ours)/float64(theirs), "otr/libotr")
}

// TestFullAKESMPFlows checks that both flows of the benchmark really run
// to a verified SMP (the benchmark would time failures just as well).
func TestFullAKESMPFlows(t *testing.T) {
	bin := cliBinary(t)
	tmpl := t.TempDir()
	for _, who := range []string{"alice", "bob"} {
		flowRun(t, bin, filepath.Join(tmpl, who), "", "keygen")
	}
	otrFlow(t, bin, tmpl)
	libotrFlow(t)
}

// cliBinary builds otr for tests and benchmarks alike.
func cliBinary(tb testing.TB) string {
	tb.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(tmpRoot, "otr")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{out}
		}
	})
	if binErr != nil {
		tb.Fatalf("building otr: %v", binErr)
	}
	return binPath
}

// otrFlow runs the conversation with fresh sessions of the template
// identities and returns the wall time of the otr processes.
func otrFlow(tb testing.TB, bin, tmpl string) time.Duration {
	tb.Helper()
	dirs := map[string]string{}
	for _, who := range []string{"alice", "bob"} {
		dirs[who] = filepath.Join(tb.TempDir(), who)
		if err := os.Mkdir(dirs[who], 0o700); err != nil {
			tb.Fatal(err)
		}
		id, err := os.ReadFile(filepath.Join(tmpl, who, "identity.toml"))
		if err == nil {
			err = os.WriteFile(filepath.Join(dirs[who], "identity.toml"), id, 0o600)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	peerOf := map[string]string{"alice": "bob", "bob": "alice"}
	other := map[string]string{"alice": "bob", "bob": "alice"}
	began := time.Now()
	step := func(who, stdin string, args ...string) (string, string) {
		return flowRun(tb, bin, dirs[who], stdin, append(args[:1:1], append([]string{"--peer", peerOf[who]}, args[1:]...)...)...)
	}
	relay := func(to, lines string) string { // until one side has nothing to say
		var log strings.Builder
		for lines != "" {
			out, events := step(to, lines, "recv")
			log.WriteString(events)
			lines, to = out, other[to]
		}
		return log.String()
	}
	q, _ := step("alice", "", "query")
	ake := relay("bob", q)
	smp1, _ := flowRun(tb, bin, dirs["alice"], flowSecret+"\n", "smp", "start", "--peer", "bob")
	asked := relay("bob", smp1)
	smp2, _ := flowRun(tb, bin, dirs["bob"], flowSecret+"\n", "smp", "answer", "--peer", "alice")
	done := relay("alice", smp2)
	took := time.Since(began)
	if strings.Count(ake, `"event":"secure"`) != 2 || !strings.Contains(asked, `"event":"smp_request"`) ||
		strings.Count(done, `"event":"smp_succeeded"`) != 2 {
		tb.Fatalf("the otr flow did not complete:\nAKE %s\nSMP request %s\nSMP %s", ake, asked, done)
	}
	return took
}

// flowRun runs one otr step with --json and returns stdout and stderr.
func flowRun(tb testing.TB, bin, dir, stdin string, args ...string) (string, string) {
	tb.Helper()
	cmd := exec.Command(bin, append([]string{"--state", dir, "--json"}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("otr %v: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String()
}

// libotrFlow runs the conversation between two fresh libotr processes and
// returns the wall time from the query to the end of the SMP.
func libotrFlow(tb testing.TB) time.Duration {
	tb.Helper()
	alice := libotrpeer.Start(tb, libotrpeer.Options{Account: "alice@example", Buddy: "bob@example"})
	bob := libotrpeer.Start(tb, libotrpeer.Options{Account: "bob@example", Buddy: "alice@example"})
	defer alice.Close()
	defer bob.Close()
	other := map[*libotrpeer.Peer]*libotrpeer.Peer{alice: bob, bob: alice}
	var events []string
	relay := func(to *libotrpeer.Peer, lines []string) {
		for len(lines) > 0 {
			var next []string
			for _, l := range lines {
				out := to.Receive(l)
				events = append(events, out.Kinds()...)
				next = append(next, out.Wire...)
			}
			lines, to = next, other[to]
		}
	}
	began := time.Now()
	relay(bob, alice.Query().Wire)
	relay(bob, alice.StartSMP(flowSecret, "").Wire)
	relay(alice, bob.AnswerSMP(flowSecret).Wire)
	took := time.Since(began)
	all := strings.Join(events, " ")
	if strings.Count(all, "gone_secure") != 2 || strings.Count(all, "smp_success") != 2 {
		tb.Fatalf("the libotr flow did not complete: %s", all)
	}
	return took
}
