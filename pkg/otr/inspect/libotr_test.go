package inspect

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
	"github.com/otrtool/otr/pkg/otr"
)

// libotrTool finds one of libotr5-bin's toolkit programs: missing, it
// fails the test under OTR_REQUIRE_LIBOTR=1 and skips it otherwise.
func libotrTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("OTR_REQUIRE_LIBOTR") == "1" {
		t.Fatalf("%s (libotr5-bin) required by OTR_REQUIRE_LIBOTR=1: %v", name, err)
	}
	t.Skipf("%s (libotr5-bin) not installed: %v", name, err)
	return ""
}

// runTool runs a toolkit program with stdin and returns its stdout.
func runTool(t testing.TB, stdin string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(libotrTool(t, name), args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

// libotrRelay hands lines between two libotr peers until both are quiet,
// recording each line with its sender.
func libotrRelay(t *testing.T, names map[*libotrpeer.Peer]string, from, to *libotrpeer.Peer, lines []string, rec *[]wireLine) {
	t.Helper()
	for _, l := range lines {
		*rec = append(*rec, wireLine{names[from], l})
		libotrRelay(t, names, to, from, to.Receive(l).Wire, rec)
	}
}

// libotrTranscript is a conversation between two libotr peers: AKE, texts,
// a real SMP run, an extra key and a disconnect, some of it fragmented.
func libotrTranscript(t *testing.T, policy string, fragSize int) []wireLine {
	a := libotrpeer.Start(t, libotrpeer.Options{Account: "alice@example", Buddy: "bob@example", Policy: policy, FragmentSize: fragSize})
	b := libotrpeer.Start(t, libotrpeer.Options{Account: "bob@example", Buddy: "alice@example", Policy: policy})
	names := map[*libotrpeer.Peer]string{a: "alice", b: "bob"}
	var rec []wireLine
	libotrRelay(t, names, a, b, a.Query().Wire, &rec)
	libotrRelay(t, names, a, b, a.Send("hello from libotr").Wire, &rec)
	libotrRelay(t, names, b, a, b.Send("and back").Wire, &rec)
	libotrRelay(t, names, a, b, a.StartSMP("secret", "the word?").Wire, &rec)
	libotrRelay(t, names, b, a, b.AnswerSMP("secret").Wire, &rec)
	if policy != "v2" {
		_, out := a.ExtraKey(3, []byte("ctx"))
		libotrRelay(t, names, a, b, out.Wire, &rec)
	}
	libotrRelay(t, names, b, a, b.Disconnect().Wire, &rec)
	return rec
}

// ourTranscript is run's lines, optionally for v2 only.
func ourTranscript(t *testing.T, v2 bool, fragSize int) []wireLine {
	if !v2 {
		lines, _, _ := transcript(t, fragSize)
		return lines
	}
	s := newSession(t, fragSize)
	for _, p := range []*party{s.alice, s.bob} {
		p.c.Config.Policy.AllowV3 = false
	}
	s.deliver(s.alice, s.alice.c.Query().Messages)
	s.send(s.alice, "v2 text", otr.SendOptions{})
	s.send(s.bob, "v2 reply", otr.SendOptions{})
	return s.lines
}
