package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/testkeys"

	"github.com/urfave/cli/v2"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
)

// toolkitApp is the otr app with the debugging commands registered (the
// lead registers them in newApp; until then the test adds them).
func toolkitApp() *cli.App {
	app := newApp()
	for _, cmd := range []*cli.Command{parseCommand(), forgeCommand()} {
		if app.Command(cmd.Name) == nil {
			prepare(cmd, quiet(globalFlags(false), true))
			app.Commands = append(app.Commands, cmd)
		}
	}
	return app
}

// runToolkit runs one command line of the app in process.
func runToolkit(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	app := toolkitApp()
	app.Reader, app.Writer, app.ErrWriter = strings.NewReader(stdin), &out, &errb
	err = app.Run(append([]string{"otr"}, args...))
	return out.String(), errb.String(), err
}

// talk runs alice and bob through an AKE and a few messages; it returns
// the transcript ("alice: …" lines) and the two conversations.
func toolkitTalk(t *testing.T, texts ...string) (transcript []string, alice, bob *otr.Conversation) {
	t.Helper()
	mk := func(name string, tag uint32) *otr.Conversation {
		return otr.NewConversation(otr.Config{PrivateKey: testkeys.Key(t, name), InstanceTag: tag, Policy: otr.DefaultPolicy(), HeartbeatInterval: -1})
	}
	alice, bob = mk("alice", 0x1000a11c), mk("bob", 0x20000b0b)
	names := map[*otr.Conversation]string{alice: "alice", bob: "bob"}
	other := map[*otr.Conversation]*otr.Conversation{alice: bob, bob: alice}
	var deliver func(from *otr.Conversation, lines []string)
	deliver = func(from *otr.Conversation, lines []string) {
		for _, l := range lines {
			transcript = append(transcript, names[from]+": "+l)
			res, err := other[from].Receive(l)
			if err != nil {
				t.Fatalf("%s: %v", names[other[from]], err)
			}
			deliver(other[from], res.Messages)
		}
	}
	deliver(alice, alice.Query().Messages)
	for i, text := range texts {
		from := alice
		if i%2 == 1 {
			from = bob
		}
		res, err := from.Send(text)
		if err != nil {
			t.Fatal(err)
		}
		deliver(from, res.Messages)
	}
	return transcript, alice, bob
}

// wireOnly strips the "name: " prefixes.
func toolkitWireOnly(transcript []string) []string {
	var out []string
	for _, l := range transcript {
		_, rest, _ := strings.Cut(l, ": ")
		out = append(out, rest)
	}
	return out
}

func TestParseText(t *testing.T) {
	tr, _, _ := toolkitTalk(t, "hello")
	lines := append([]string{"?OTR Error: boom", "?OTR:AAMD!!!!."}, toolkitWireOnly(tr)...)
	out, _, err := runToolkit(t, strings.Join(lines, "\n")+"\n", "parse")
	// Every line is described, and the malformed one makes the exit non-zero.
	if err == nil || !strings.Contains(err.Error(), "1 of ") || exitCode(err) != exitFailure {
		t.Fatalf("parse with one malformed line: err %v, want \"1 of N lines are malformed\"", err)
	}
	if _, _, err := runToolkit(t, strings.Join(lines[2:], "\n")+"\n", "parse"); err != nil {
		t.Fatalf("parse of well-formed lines: %v", err)
	}
	for _, want := range []string{
		`line 1: OTR Error: "boom"`, "line 2: Encoded message (undecodable)", "MALFORMED: base64 at character 5",
		"line 3: OTR Query (offers v2, v3)", "DH-Commit Message:", "Hashed g^x: ", "Reveal-Signature Message:",
		"Data Message:", "Sender instance: 0x1000a11c", "Rcpt keyid: 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestParseJSONWithSavedSession(t *testing.T) {
	tr, alice, _ := toolkitTalk(t, "hello bob", "hello alice", "how are you")
	dir := filepath.Join(t.TempDir(), "state")
	store, err := state.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := state.NewPeer("bob")
	p.Session = alice.State
	if err := store.SavePeer(p); err != nil {
		t.Fatal(err)
	}
	out, _, err := runToolkit(t, strings.Join(tr, "\n")+"\n", "--state", dir, "parse", "--json", "--transcript", "--peer", "bob")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for i, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var obj struct {
			Line    int    `json:"line"`
			From    string `json:"from"`
			Kind    string `json:"kind"`
			Encoded *struct {
				Data *struct {
					Decrypted *struct{ Text, Direction string } `json:"decrypted"`
				} `json:"data"`
			} `json:"encoded"`
		}
		if err := json.Unmarshal([]byte(l), &obj); err != nil || obj.Line != i+1 || obj.Kind == "" || obj.From == "" {
			t.Fatalf("line %d: %q (%v)", i+1, l, err)
		}
		if obj.Encoded != nil && obj.Encoded.Data != nil && obj.Encoded.Data.Decrypted != nil {
			texts = append(texts, obj.From+"/"+obj.Encoded.Data.Decrypted.Direction+":"+obj.Encoded.Data.Decrypted.Text)
		}
	}
	// alice's final session still holds the keys of the last two messages.
	want := "bob/received:hello alice alice/sent:how are you"
	if strings.Join(texts, " ") != want {
		t.Errorf("decrypted %q, want %q", texts, want)
	}
}

func TestParseLadder(t *testing.T) {
	tr, alice, _ := toolkitTalk(t, "hello bob", "hello alice")
	// alice's final session holds the keys of the last message, not the
	// first (rotated away): that one stays encrypted.
	session := filepath.Join(t.TempDir(), "alice.json")
	b, _ := json.Marshal(alice.State)
	if err := os.WriteFile(session, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runToolkit(t, strings.Join(tr, "\n")+"\n", "parse", "--ladder", "--session", session)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"alice", "bob", "|-- Query v2, v3", "AKE 1/4 D-H Commit --|", "|-- AKE 2/4 D-H Key",
		"AKE 3/4 Reveal Signature --|", "|-- AKE 4/4 Signature", "|-- Data 1/1 (not decrypted: keys 1/1 are no longer held", `Data 1/2 "hello alice" --|`} {
		if !strings.Contains(out, want) {
			t.Errorf("ladder lacks %q:\n%s", want, out)
		}
	}
}

// libotrTool finds a libotr5-bin program, failing under OTR_REQUIRE_LIBOTR=1.
func toolkitLibotrBin(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("OTR_REQUIRE_LIBOTR") == "1" {
			t.Fatalf("%s (libotr5-bin) required: %v", name, err)
		}
		t.Skipf("%s (libotr5-bin) not installed", name)
	}
	return path
}

func runToolkitLibotr(t *testing.T, stdin, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(toolkitLibotrBin(t, name), args...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

func TestForgeCommandsMatchLibotr(t *testing.T) {
	tr, alice, bob := toolkitTalk(t, "hello bob", "hello alice", "the plan")
	ks := alice.State.Keys
	priv, pub := hex.EncodeToString(ks.OurCurrent.Private), hex.EncodeToString(ks.TheirCurrent)
	last := toolkitWireOnly(tr)[len(tr)-1]
	var aes string
	for _, s := range alice.State.Keys.Sessions {
		if s.OurKeyID == ks.OurKeyID-1 && s.TheirKeyID == ks.TheirKeyID {
			aes = hex.EncodeToString(s.SendAES)
		}
	}
	if aes == "" {
		t.Fatal("no sending key in alice's session")
	}
	tests := []struct {
		name, stdin string
		ours, tool  []string
	}{
		{"sesskeys", "", []string{"forge", "sesskeys", priv, pub}, []string{"otr_sesskeys", priv, pub}},
		{"mackey", "", []string{"forge", "mackey", aes}, []string{"otr_mackey", aes}},
		{"readforge", last, []string{"forge", "readforge", aes}, []string{"otr_readforge", aes}},
		{"readforge new", last, []string{"forge", "readforge", aes, "the other plan"}, []string{"otr_readforge", aes, "the other plan"}},
	}
	for _, tt := range tests {
		got, _, err := runToolkit(t, tt.stdin+"\n", tt.ours...)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if want := runToolkitLibotr(t, tt.stdin+"\n", tt.tool[0], tt.tool[1:]...); got != want {
			t.Errorf("%s: otr %q\n got %q\nwant %q", tt.name, tt.ours, got, want)
		}
	}

	// The forged message is accepted by bob in the state he had before
	// the original arrived… here: a fresh message bob has not seen.
	res, err := alice.Send("original")
	if err != nil {
		t.Fatal(err)
	}
	forged, _, err := runToolkit(t, res.Messages[0]+"\n", "forge", "readforge", aes, "forged")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(forged), "\n")
	got, err := bob.Receive(lines[len(lines)-1])
	if err != nil || len(got.Events) == 0 || got.Events[0].Text != "forged" {
		t.Errorf("bob got %+v, %v", got.Events, err)
	}
}

func TestRemacPiecesMatchLibotr(t *testing.T) {
	mac := strings.Repeat("ab", 20)
	pieces := []string{"4096", "8192", "1", "3", "2", "02", "0000000000000007", "deadbeef", strings.Repeat("cd", 20)}
	got, _, err := runToolkit(t, "", append([]string{"forge", "remac", mac}, pieces...)...)
	if err != nil {
		t.Fatal(err)
	}
	if want := runToolkitLibotr(t, "", "otr_remac", append([]string{mac}, pieces...)...); got != want {
		t.Errorf("remac: got %q, want %q", got, want)
	}
	// Re-MAC of that message with a field replaced.
	changed, _, err := runToolkit(t, got, "forge", "remac", "--sender-keyid", "9", mac)
	if err != nil {
		t.Fatal(err)
	}
	pieces[3] = "9"
	if want := runToolkitLibotr(t, "", "otr_remac", append([]string{mac}, pieces...)...); changed != want {
		t.Errorf("remac --sender-keyid: got %q, want %q", changed, want)
	}
}

func TestForgeUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"forge", "mackey"}, {"forge", "mackey", "zz"}, {"forge", "mackey", "0011"},
		{"forge", "sesskeys", "01"}, {"forge", "remac", strings.Repeat("ab", 20), "1"},
	} {
		if _, _, err := runToolkit(t, "", args...); exitCode(err) != exitUsage {
			t.Errorf("otr %q: %v, want a usage error", args, err)
		}
	}
	if _, _, err := runToolkit(t, "not otr\n", "forge", "readforge", strings.Repeat("00", 16)); err == nil {
		t.Error("readforge without a message succeeded")
	}
}
