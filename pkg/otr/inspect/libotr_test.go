package inspect

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/testkeys"

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

// pumpLibotr hands lines between our conversation and a libotr peer
// until both are quiet.
func pumpLibotr(t *testing.T, c *otr.Conversation, p *libotrpeer.Peer, toPeer []string) {
	t.Helper()
	for _, l := range toPeer {
		for _, back := range p.Receive(l).Wire {
			res, err := c.Receive(back)
			if err != nil {
				t.Fatalf("we refused libotr's %.50q: %v", back, err)
			}
			pumpLibotr(t, c, p, res.Messages)
		}
	}
}

// A message forged with our readforge and modify (with the sender's keys
// from our saved session) is accepted and shown by libotr.
func TestForgedMessageAcceptedByLibotr(t *testing.T) {
	p := libotrpeer.Start(t, libotrpeer.Options{Account: "alice@example", Buddy: "bob@example"})
	bob := otr.NewConversation(otr.Config{PrivateKey: testkeys.Key(t, "bob"), InstanceTag: 0x20000b0b, Policy: otr.DefaultPolicy(), HeartbeatInterval: -1})
	pumpLibotr(t, bob, p, bob.Query().Messages)
	if bob.State.MsgState != otr.MsgEncrypted {
		t.Fatalf("no private conversation with libotr: %s", bob.State.MsgState)
	}
	send := func(text string) (string, SessionKey) {
		res, err := bob.Send(text)
		if err != nil {
			t.Fatal(err)
		}
		keys := &Keyring{}
		keys.AddState(bob.State)
		key, ok := keys.Find(res.Messages[0])
		if !ok {
			t.Fatal("no key for our own message")
		}
		return res.Messages[0], key
	}

	line, key := send("pay 10 euros")
	forged := "pay 1000 euros to mallory"
	r, err := ReadForge(line, key.AES, ForgeOptions{Replace: &forged})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Receive(r.Forged).Shown; got != forged {
		t.Errorf("libotr shows %q for the readforge message, want %q", got, forged)
	}

	line, key = send("pay 10 euros")
	modified, err := Modify(line, key.MAC, "10", "99", len("pay "))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Receive(modified).Shown; got != "pay 99 euros" {
		t.Errorf("libotr shows %q for the modified message", got)
	}
}
