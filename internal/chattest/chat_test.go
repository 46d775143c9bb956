package chattest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A conversation: the connection is announced, lines go both ways and are
// shown as sent, /otr makes both prompts say private, encrypted text never
// crosses the wire in the clear, and //text sends /text.
func TestChatConversation(t *testing.T) {
	p := newPair(t)
	p.alice.typeLine("hello in the clear")
	p.alice.waitFor(`<me> \(unencrypted\) hello in the clear`)
	p.bob.waitFor(`<alice> \(unencrypted\) hello in the clear`)
	// "(unencrypted)" marks each line; otr's warning comes once, not after
	// every line.
	p.alice.typeLine("clear again")
	p.bob.waitFor(`<alice> \(unencrypted\) clear again`)
	p.alice.typeLine("/status") // a step after the send: its output is shown
	p.alice.waitFor(`\* bob: `)
	if n := strings.Count(p.alice.screen(), "sent UNENCRYPTED"); n != 1 {
		t.Errorf("the unencrypted warning was shown %d times for two lines:\n%s", n, p.alice.screen())
	}

	p.private()
	p.bob.waitFor(`private conversation with alice \(OTR v3\)`)
	p.alice.typeLine("the private line")
	p.alice.waitFor(`(?m)^<me> the private line$`)
	p.bob.waitFor(`(?m)^<alice> the private line$`)
	p.bob.typeLine("//slash at the start")
	p.bob.waitFor(`(?m)^<me> /slash at the start$`)
	p.alice.waitFor(`(?m)^<bob> /slash at the start$`)
	if w := p.wireLog(); strings.Contains(w, "the private line") || strings.Contains(w, "slash at the start") {
		t.Errorf("encrypted lines crossed the wire in the clear:\n%s", w)
	}
	if !strings.Contains(p.wireLog(), "hello in the clear") {
		t.Errorf("the wire log misses the plaintext line: the tee transport does not see the wire")
	}
	// /otr on a private conversation refreshes it: still private, new keys.
	p.bob.typeLine("/otr")
	p.alice.waitCount(`\* private conversation with bob`, 2)
	p.bob.waitCount(`\* private conversation with alice`, 2)
	p.alice.waitPrompt("private", "bob", "")
	p.alice.typeLine("after the refresh")
	p.bob.waitFor(`(?m)^<alice> after the refresh$`)
	p.speaksChat()
}

// Lines starting with / never reach the peer: unknown commands are refused
// with the list of commands, text after /smp is refused, and control
// characters typed before a command (Ctrl-L, Ctrl-A, an arrow key, a pasted
// ESC) do not turn it into a message.
func TestChatCommandsStayLocal(t *testing.T) {
	p := newPair(t)
	p.private()
	p.alice.typeLine("/help")
	p.alice.waitFor(`/trust +mark bob's fingerprint verified`)
	p.alice.typeLine("/frobnicate now")
	s := p.alice.waitFor(`unknown command /frobnicate: nothing was sent`)
	if !strings.Contains(s, "commands: /help /otr /smp /answer /abort /close /status /fp /trust /quit") {
		t.Errorf("an unknown command does not list the commands:\n%s", s)
	}
	p.alice.typeLine("/smp hunter2-on-the-line")
	p.alice.waitFor(`/smp takes nothing after it; nothing was sent`)

	// Ctrl-L then /smp: a command (it asks for the question), not a message.
	p.alice.keys("C-l")
	p.alice.typeLine("/smp")
	p.alice.waitFor(`question for bob \(optional`)
	p.alice.keys("C-c")
	p.alice.waitFor(`/smp cancelled`)
	p.alice.waitPrompt("private", "bob", "")

	// Control characters and an escape sequence typed before a command.
	p.alice.keys("C-a", "Up", "Escape")
	p.alice.typeText("\x0b\x01")
	p.alice.typeLine("/bogus1")
	p.alice.waitFor(`unknown command /bogus1`)
	// Esc (or Esc [) right before the slash does not eat it.
	p.alice.keys("Escape")
	p.alice.typeLine("/bogus3")
	p.alice.waitFor(`unknown command /bogus3`)
	p.alice.keys("Escape")
	p.alice.typeText("[")
	p.alice.typeLine("/bogus4")
	p.alice.waitFor(`unknown command /bogus4`)
	// Blanks before the slash still make a command.
	p.alice.typeLine("   /bogus2")
	p.alice.waitFor(`unknown command /bogus2`)

	// Something the peer does see, to know everything before it arrived.
	p.alice.typeLine("marker line")
	p.bob.waitFor(`<alice> marker line`)
	got := messagesFrom(p.bob.screen(), "alice")
	if got != "<alice> marker line\n" {
		t.Errorf("bob got other messages than the marker line:\n%s", got)
	}
	if strings.Contains(p.wireLog(), "hunter2") {
		t.Errorf("the /smp argument went over the wire")
	}
}

// SMP without a question (both sides verified) and with one: the secrets
// never appear on a screen, on the wire, or in otr's command line; a wrong
// answer is reported loudly.
func TestChatSMP(t *testing.T) {
	p := newPairWithArgvLog(t)
	p.private()

	const secret = "zebra-7731-secret"
	p.alice.typeLine("/smp")
	p.alice.waitFor(`question for bob`)
	p.alice.typeLine("")
	p.alice.waitFor(`secret \(hidden\): `)
	p.alice.typeLine(secret)
	p.alice.waitFor(`SMP started: waiting for bob`)
	p.bob.waitFor(`alice wants to verify you \(SMP\) with a secret you both know`)
	p.bob.typeLine("/answer")
	p.bob.waitFor(`answer \(hidden\): `)
	p.bob.typeText(secret[:5])
	p.bob.waitLast("answer (hidden):") // typed, not shown
	p.alice.typeLine("while you type") // redraws bob's prompt
	p.bob.waitFor(`<alice> while you type`)
	p.bob.waitLast("answer (hidden):")
	p.bob.typeText(secret[5:])
	p.bob.keys("Enter")
	p.alice.waitFor(`SMP succeeded: bob is verified`)
	p.bob.waitFor(`SMP succeeded`)
	p.alice.waitPrompt("verified", "bob", "")

	const question, answer = "Where did we meet?", "lighthouse-9921"
	p.bob.typeLine("/smp")
	p.bob.waitFor(`question for alice`)
	p.bob.typeLine(question)
	p.bob.waitFor(`secret \(hidden\): `)
	p.bob.typeLine(answer)
	p.alice.waitFor(`bob wants to verify you \(SMP\) and asks: Where did we meet\?`)
	p.alice.typeLine("/answer")
	p.alice.waitFor(`answer \(hidden\): `)
	p.alice.typeLine(answer)
	p.bob.waitFor(`SMP succeeded: alice is verified`)
	p.alice.waitCount(`SMP succeeded`, 2)

	const wrong, right = "wrong-answer-5512", "right-answer-6623"
	p.alice.typeLine("/smp")
	p.alice.waitFor(`question for bob`)
	p.alice.typeLine("")
	p.alice.waitFor(`secret \(hidden\): `)
	p.alice.typeLine(right)
	p.bob.waitCount(`alice wants to verify you`, 2)
	p.bob.typeLine("/answer")
	p.bob.waitLast("answer (hidden):")
	p.bob.typeLine(wrong)
	p.alice.waitFor(`SMP FAILED: the secrets differ`)
	p.bob.waitFor(`SMP FAILED: the secrets differ`)
	// Without a question a failure withdraws both SMP verifications: the
	// prompts must not go on saying verified.
	p.alice.waitPrompt("private", "bob", "")
	p.bob.waitPrompt("private", "alice", "")
	if got := statusField(t, p.aState, "bob", "trust"); got != "unverified" {
		t.Errorf("alice's saved trust in bob after the failure: %q", got)
	}

	for _, s := range []string{secret, answer, wrong, right} {
		p.neverSeen(s)
		if argv := p.argvLog(); strings.Contains(argv, s) {
			t.Errorf("%q was on otr's command line:\n%s", s, argv)
		}
	}
	if !strings.Contains(p.argvLog(), "smp start") {
		t.Errorf("the argv log does not see otr's command lines:\n%s", p.argvLog())
	}
	p.speaksChat()
}

// SMP with a question: the asker's prompt says verified; the answerer's
// prompt says what its saved trust says (otr decides whether answering
// verifies the asker; libotr's way: it does not).
func TestChatSMPQuestionPrompt(t *testing.T) {
	p := newPair(t)
	p.private()
	p.alice.typeLine("/smp")
	p.alice.waitFor(`question for bob`)
	p.alice.typeLine("The colour of the door?")
	p.alice.waitFor(`secret \(hidden\): `)
	p.alice.typeLine("green-4411")
	p.bob.waitFor(`alice wants to verify you \(SMP\) and asks: The colour of the door\?`)
	p.bob.typeLine("/answer")
	p.bob.waitFor(`answer \(hidden\): `)
	p.bob.typeLine("green-4411")
	p.alice.waitFor(`SMP succeeded: bob is verified`)
	p.alice.waitPrompt("verified", "bob", "")
	p.bob.waitFor(`SMP succeeded`)
	// recv shows the event before it saves: poll until the two agree.
	deadline := time.Now().Add(waitTimeout)
	for {
		want := "[private] alice>"
		if statusField(t, p.bState, "alice", "trust") != "unverified" {
			want = "[verified] alice>"
		}
		if got := p.bob.lastLine(); got == want {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("bob's prompt %q, but the saved trust wants %q", got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// statusField is one string field of otr --json status --peer peer.
func statusField(t *testing.T, state, peer, key string) string {
	t.Helper()
	out, err := exec.Command(otrBinary(t), "--state", state, "--json", "status", "--peer", peer).Output()
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(out, &st); err != nil {
		t.Fatalf("status: %v\n%s", err, out)
	}
	v, _ := st[key].(string)
	return v
}

// Failed steps show an error and the chat goes on: /answer with nothing
// pending, an empty /smp secret, a line after the peer ended the private
// conversation; then /close, plaintext, and /otr starts again.
func TestChatErrorsKeepChatting(t *testing.T) {
	p := newPair(t)
	p.bob.typeLine("/answer")
	p.bob.waitFor(`alice has not asked to verify you`)
	// /smp before /otr says what to do before asking for any secret.
	p.bob.typeLine("/smp")
	p.bob.waitFor(`! /smp runs inside a private conversation: /otr starts one`)
	p.bob.waitPrompt("plaintext", "alice", "")
	p.bob.typeLine("/abort")
	p.bob.waitFor(`\* no SMP to abort outside a private conversation: nothing was sent`)

	p.private()
	p.bob.typeLine("/smp")
	p.bob.waitFor(`question for alice`)
	p.bob.typeLine("")
	p.bob.waitFor(`secret \(hidden\): `)
	p.bob.typeLine("")
	p.bob.waitFor(`the secret is empty: /smp cancelled, nothing was sent`)
	p.bob.waitPrompt("private", "alice", "")
	p.alice.typeLine("/close")
	p.alice.waitFor(`the private conversation is closed`)
	p.alice.waitPrompt("plaintext", "bob", "")
	p.bob.waitFor(`alice ended the private conversation`)
	p.bob.waitPrompt("finished", "alice", "")
	p.bob.typeLine("a line nobody may read in the clear")
	p.bob.waitFor(`! not sent`)
	if s := p.bob.screen(); strings.Contains(s, "! error: the peer has ended") {
		t.Errorf("the chat says twice that alice ended the conversation:\n%s", s)
	}
	p.bob.waitPrompt("finished", "alice", "")
	p.bob.typeLine("/status")
	p.bob.waitFor(`\* alice: finished`)
	if strings.Contains(p.wireLog(), "nobody may read") {
		t.Errorf("a line after the peer's close went out in the clear")
	}
	if strings.Contains(p.bob.screen(), "CHAT-EXIT") {
		t.Fatalf("the chat ended after a failed step:\n%s", p.bob.screen())
	}

	p.bob.typeLine("/close")
	p.bob.waitPrompt("plaintext", "alice", "")
	p.bob.typeLine("plain again")
	p.alice.waitFor(`<bob> \(unencrypted\) plain again`)
	p.bob.typeLine("/otr")
	p.bob.waitPrompt("private", "alice", "")
	p.alice.waitPrompt("private", "bob", "")
	p.bob.typeLine("private again")
	p.alice.waitFor(`(?m)^<bob> private again$`)
	p.speaksChat()
}

// The connection: a peer that leaves ends the other chat, which says so
// and exits; a connection that cannot be made says so and exits non-zero.
func TestChatConnectionLoss(t *testing.T) {
	p := newPair(t)
	p.alice.typeLine("/quit")
	p.alice.waitFor(`CHAT-EXIT=0\s+TTY-RESTORED`)
	p.bob.waitFor(`the connection to alice is closed; the chat ends`)
	p.bob.waitFor(`CHAT-EXIT=0\s+TTY-RESTORED`)

	// The listener's transport dies abruptly (its netcat killed).
	p.connect()
	killNC(t, p.port)
	p.alice.waitFor(`the connection to bob is closed`)
	p.alice.waitFor(`CHAT-EXIT=`)
	p.bob.waitFor(`the connection to alice is closed`)

	// chat.sh connect (not exec): the listener leaves, the connecting chat ends.
	port := freePort(t)
	bob := p.x.chat("bob-plain", p.bState, "listen", fmt.Sprint(port), "alice")
	bob.waitFor(`waiting for alice to connect`)
	alice := p.x.chat("alice-plain", p.aState, "connect", "127.0.0.1", fmt.Sprint(port), "bob")
	alice.waitFor(`connected to bob at 127.0.0.1 port \d+`)
	bob.waitFor(`alice connected from`)
	alice.typeLine("over plain connect")
	bob.waitFor(`<alice> .*over plain connect`)
	bob.typeLine("/quit")
	alice.waitFor(`the connection to bob is closed; the chat ends`)
	alice.waitFor(`CHAT-EXIT=0\s+TTY-RESTORED`)

	x := p.x
	refused := x.chat("refused", p.aState, "connect", "127.0.0.1", fmt.Sprint(freePort(t)), "bob")
	s := refused.waitFor(`CHAT-EXIT=\d+`)
	if !strings.Contains(s, "could not connect to bob at 127.0.0.1 port") || !strings.Contains(s, "Connection refused") ||
		!strings.Contains(s, "CHAT-EXIT=1") {
		t.Errorf("a refused connection:\n%s", s)
	}
}

// killNC kills the netcat listening on port.
func killNC(t *testing.T, port int) {
	t.Helper()
	out, _ := exec.Command("ps", "-eo", "pid=,args=").Output()
	n := 0
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		if len(f) > 2 && f[1] == "nc" && strings.HasSuffix(l, " -l "+fmt.Sprint(port)) {
			_ = exec.Command("kill", "-9", f[0]).Run()
			n++
		}
	}
	if n == 0 {
		t.Fatalf("no nc on port %d:\n%s", port, out)
	}
}

// No identity: the chat refuses to start and says how to make one.
func TestChatNoIdentity(t *testing.T) {
	x := newTmux(t)
	pn := x.chat("noid", filepath.Join(t.TempDir(), "none"), "connect", "127.0.0.1", fmt.Sprint(freePort(t)), "bob")
	s := pn.waitFor(`CHAT-EXIT=\d+`)
	if !strings.Contains(s, "otr keygen") || !strings.Contains(s, "CHAT-EXIT=1") {
		t.Errorf("no identity:\n%s", s)
	}
	if strings.Contains(s, "chat with bob") {
		t.Errorf("the chat started without an identity:\n%s", s)
	}
}

// A line that arrives while the user types is printed above the prompt;
// the typed text stays whole on the prompt line and is sent whole.
func TestChatTypingNotBroken(t *testing.T) {
	p := newPair(t)
	p.alice.typeText("half of my")
	p.alice.waitPrompt("plaintext", "bob", "half of my")
	p.bob.typeLine("interrupting you")
	s := p.alice.waitFor(`<bob> \(unencrypted\) interrupting you`)
	if !strings.Contains(s, "<bob> (unencrypted) interrupting you\n") {
		t.Errorf("the incoming line is not on its own line:\n%s", s)
	}
	p.alice.waitPrompt("plaintext", "bob", "half of my")
	p.alice.typeLine(" sentence")
	p.bob.waitFor(`<alice> \(unencrypted\) half of my sentence`)
}

// /fp shows both fingerprints; /trust marks the peer's verified after the
// user confirms, and the prompt says so.
func TestChatFingerprintsAndTrust(t *testing.T) {
	p := newPair(t)
	own := fingerprint(t, p.aState)
	bobs := fingerprint(t, p.bState)
	p.alice.typeLine("/trust")
	p.alice.waitFor(`no fingerprint of bob yet`)
	p.private()
	p.alice.typeLine("/fp")
	s := p.alice.waitFor(`bob's fingerprint: [0-9A-F ]{44}`)
	if !strings.Contains(s, "your fingerprint:   "+own) || !strings.Contains(s, "bob's fingerprint: "+bobs) {
		t.Errorf("/fp shows not both fingerprints (%s, %s):\n%s", own, bobs, s)
	}
	p.alice.typeLine("/trust")
	p.alice.waitFor(`does it match exactly\? \(yes/no\): `)
	p.alice.typeLine("no")
	p.alice.waitFor(`not marked`)
	p.alice.waitPrompt("private", "bob", "")
	p.alice.typeLine("/trust")
	p.alice.waitLast("does it match exactly? (yes/no):")
	p.alice.typeLine("yes")
	p.alice.waitFor(`bob's fingerprint is marked verified`)
	p.alice.waitPrompt("verified", "bob", "")
	p.bob.waitPrompt("private", "alice", "")
}

func fingerprint(t *testing.T, state string) string {
	t.Helper()
	out, err := exec.Command(otrBinary(t), "--state", state, "fingerprint").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// Quit and restart both chats: the saved session carries on privately.
func TestChatRestart(t *testing.T) {
	p := newPair(t)
	p.private()
	p.bob.keys("C-d") // Ctrl-D on an empty line quits too
	p.bob.waitFor(`CHAT-EXIT=0\s+TTY-RESTORED`)
	p.alice.waitFor(`CHAT-EXIT=0`)
	p.connect()
	p.alice.waitPrompt("private", "bob", "")
	p.alice.typeLine("after the restart")
	p.bob.waitFor(`(?m)^<alice> after the restart$`)
	if strings.Contains(p.wireLog(), "after the restart") {
		t.Errorf("the line after the restart crossed in the clear")
	}

	// An SMP request saved before a restart is announced when the chat
	// starts again (it waited silently for an /answer nobody knew of).
	p.alice.typeLine("/smp")
	p.alice.waitFor(`question for bob`)
	p.alice.typeLine("Which door?")
	p.alice.waitFor(`secret \(hidden\): `)
	p.alice.typeLine("green-door-51")
	p.bob.waitFor(`alice wants to verify you \(SMP\) and asks: Which door\?`)
	p.bob.keys("C-d")
	p.bob.waitFor(`CHAT-EXIT=0`)
	p.alice.waitFor(`CHAT-EXIT=0`)
	p.connect()
	p.bob.waitFor(`alice asked to verify you \(SMP\) and asks: Which door\?`)
	p.bob.typeLine("/answer")
	p.bob.waitFor(`answer \(hidden\): `)
	p.bob.typeLine("green-door-51")
	p.alice.waitFor(`SMP succeeded: bob is verified`)
}

// A peer never seen before: the chat says so and /otr begins a private
// conversation from either side.
func TestChatNewPeer(t *testing.T) {
	x := newTmux(t)
	dir := t.TempDir()
	p := &pair{x: x, aState: identity(t, filepath.Join(dir, "alice")), bState: identity(t, filepath.Join(dir, "bob")),
		wire: filepath.Join(dir, "wire.log")}
	p.connect()
	p.bob.typeLine("/status")
	p.bob.waitFor(`\* (no conversation with alice yet|alice: plaintext)`)
	// A newcomer types first: the chat says what to do in its own words.
	p.bob.typeLine("hello?")
	p.bob.waitFor(`! no conversation with alice yet: /otr starts a private conversation`)
	p.bob.waitFor(`! not sent`)
	p.bob.typeLine("/smp")
	p.bob.waitFor(`! /smp runs inside a private conversation: /otr starts one`)
	p.private()
	p.bob.typeLine("first words")
	p.alice.waitFor(`(?m)^<bob> first words$`)
}

// What the peer sends is shown with its control characters made visible:
// no escape sequence reaches the terminal.
func TestChatEscapesIncoming(t *testing.T) {
	x := newTmux(t)
	state := identity(t, filepath.Join(t.TempDir(), "alice"))
	evil := `printf 'evil \033[31mred\033]0;title\007 \302\233end\n'; sleep 60`
	pn := x.chat("escapes", state, "exec", "bob", "--", "bash", "-c", evil)
	s := pn.waitFor(`<bob> .*evil`)
	if !strings.Contains(s, "evil ^[[31mred^[]0;title^G ?end") {
		t.Errorf("the control characters are not shown as ^X:\n%s", s)
	}
}

// --fragment-size reaches every otr command that prints wire lines.
func TestChatFragmentSize(t *testing.T) {
	x := newTmux(t)
	dir := t.TempDir()
	p := &pair{x: x, aState: identity(t, filepath.Join(dir, "alice")), bState: identity(t, filepath.Join(dir, "bob")),
		wire: filepath.Join(dir, "wire.log"), aliceExtra: []string{"--fragment-size", "120"}, bobExtra: []string{"--fragment-size", "120"}}
	p.know()
	p.connect()
	p.private()
	p.alice.typeLine("/smp")
	p.alice.waitFor(`question for bob`)
	p.alice.typeLine("")
	p.alice.waitFor(`secret \(hidden\): `)
	p.alice.typeLine("fragmented-secret")
	p.bob.waitFor(`alice wants to verify you`)
	p.alice.typeLine(strings.Repeat("long message ", 40))
	p.bob.waitFor(`<alice> (long message ){40}`)
	for _, l := range strings.Split(strings.TrimSpace(p.wireLog()), "\n") {
		if len(l) > 120 {
			t.Errorf("a wire line of %d characters with --fragment-size 120: %.60s…", len(l), l)
		}
	}
}

// newPairWithArgvLog is newPair with OTR set to a wrapper that logs every
// otr command line.
func newPairWithArgvLog(t *testing.T) *argvPair {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, "argv.log")
	wrapper := filepath.Join(dir, "otr-logged")
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$*\" >> %s\nexec %s \"$@\"\n", log, otrBinary(t))
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	x := newTmux(t)
	p := &pair{x: x, aState: identity(t, filepath.Join(dir, "alice")), bState: identity(t, filepath.Join(dir, "bob")),
		wire: filepath.Join(dir, "wire.log")}
	prev := otrOverride
	otrOverride = wrapper
	t.Cleanup(func() { otrOverride = prev })
	p.know()
	p.connect()
	return &argvPair{pair: p, log: log}
}

type argvPair struct {
	*pair
	log string
}

func (p *argvPair) argvLog() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// messagesFrom is the lines of screen that show a message from peer.
func messagesFrom(screen, peer string) string {
	var b strings.Builder
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "<"+peer+"> ") {
			b.WriteString(strings.TrimRight(l, " ") + "\n")
		}
	}
	return b.String()
}

// Without tmux the tests skip, and fail under OTR_REQUIRE_TMUX=1.
func TestRequireTmux(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	missing := missingTools()
	if strings.Join(missing, " ") != "tmux nc" {
		t.Fatalf("with an empty PATH, missing %q", missing)
	}
	if fail, msg := toolVerdict(missing, "1"); !fail || !strings.Contains(msg, "tmux and nc required") {
		t.Errorf("OTR_REQUIRE_TMUX=1: fail %v, %q; want a failure", fail, msg)
	}
	if fail, msg := toolVerdict(missing, ""); fail || msg == "" {
		t.Errorf("without OTR_REQUIRE_TMUX: fail %v, %q; want a skip", fail, msg)
	}
	if fail, msg := toolVerdict(nil, "1"); fail || msg != "" {
		t.Errorf("nothing missing: fail %v, %q", fail, msg)
	}
}

// TestChatEmptyArguments: an empty port, host or peer name is refused by
// name with the usage, exit 2, before anything starts (it used to reach
// the core, which printed its own usage).
func TestChatEmptyArguments(t *testing.T) {
	script := chatScript(t)
	for _, c := range []struct {
		args []string
		what string
	}{
		{[]string{"listen", "5000", ""}, "PEER name"},
		{[]string{"listen", "", "bob"}, "PORT"},
		{[]string{"connect", "", "5000", "bob"}, "HOST"},
		{[]string{"connect", "localhost", "5000", ""}, "PEER name"},
		{[]string{"exec", "", "--", "cat"}, "PEER name"},
	} {
		cmd := exec.Command("bash", append([]string{script}, c.args...)...)
		cmd.Env = append(os.Environ(), "OTR_STATE="+t.TempDir())
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Errorf("%q: %v, want exit 2", c.args, err)
		}
		if !strings.Contains(string(out), "chat.sh: error: the "+c.what+" is empty") || !strings.Contains(string(out), "listen PORT PEER") {
			t.Errorf("%q said:\n%s", c.args, out)
		}
	}
}
