package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr/inspect"
)

// hostile holds bytes that would retitle and clear a terminal.
const hostile = "\x1b]0;title\x07\x1b[2J"

// noTerminalControl fails if out holds a control byte other than newline
// and tab, or a C1 control.
func noTerminalControl(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Fatalf("%s: control character %U at %d reaches the terminal:\n%q", what, r, i, out)
		}
	}
}

// parse escapes every byte from the wire: fragment pieces, and the
// speaker names of --transcript and --ladder.
func TestParseEscapesWireBytes(t *testing.T) {
	fragment := "?OTR,00001,00002," + hostile + ",\n"
	out, _, _ := runToolkit(t, fragment, "parse")
	noTerminalControl(t, "fragment piece", out)
	if !strings.Contains(out, `\x1b]0;title\a\x1b[2J`) {
		t.Errorf("the piece is not shown escaped:\n%s", out)
	}
	named := "al" + hostile + "ice: ?OTRv3?\nbob: hi\n"
	out, _, err := runToolkit(t, named, "parse", "--transcript")
	if err != nil {
		t.Fatal(err)
	}
	noTerminalControl(t, "--transcript name", out)
	if !strings.Contains(out, `line 1 from al\u{1b}]0;title\u{7}\u{1b}[2Jice: OTR Query`) {
		t.Errorf("--transcript does not show the escaped name:\n%s", out)
	}
	out, _, err = runToolkit(t, named+"al"+hostile+"ice: "+strings.TrimSuffix(fragment, "\n")+"\n", "parse", "--ladder")
	if err != nil {
		t.Fatal(err)
	}
	noTerminalControl(t, "--ladder", out)
	if !strings.Contains(out, `al\x1b]0;title\a\x1b[2Jice`) {
		t.Errorf("--ladder does not show the escaped name:\n%s", out)
	}
}

// --ladder on lines without "name: " prefixes says what it needs.
func TestParseLadderNeedsNames(t *testing.T) {
	tr, _, _ := toolkitTalk(t)
	_, _, err := runToolkit(t, strings.Join(toolkitWireOnly(tr), "\n")+"\n", "parse", "--ladder")
	if err == nil || !strings.Contains(err.Error(), `--ladder needs lines "name: wire line"`) || exitCode(err) != exitFailure {
		t.Fatalf("parse --ladder without names: %v", err)
	}
	if h := hintFor(err); !strings.Contains(h, "alice: ?OTRv3?") {
		t.Errorf("hint %q", h)
	}
}

// A data message the given session cannot open says why.
func TestParseSaysWhyNotDecrypted(t *testing.T) {
	tr, alice, _ := toolkitTalk(t, "one", "two", "three", "four")
	session := filepath.Join(t.TempDir(), "alice.json")
	b, _ := json.Marshal(alice.State)
	if err := os.WriteFile(session, b, 0o600); err != nil {
		t.Fatal(err)
	}
	first := ""
	for _, l := range tr {
		if strings.HasPrefix(l, "alice: ?OTR:AAMD") {
			first = strings.TrimPrefix(l, "alice: ")
			break
		}
	}
	out, _, err := runToolkit(t, first+"\n", "parse", "--session", session)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Not decrypted: keys 1/1 are no longer held (the session holds keyids") {
		t.Errorf("the first message's report does not say why:\n%s", out)
	}
	// A message altered after it was MACed: the keys are held, the MAC fails.
	last := strings.TrimPrefix(tr[len(tr)-1], "bob: ")
	out, _, err = runToolkit(t, alterEncoded(t, last, 30)+"\n", "parse", "--session", session)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "are held (received) but the MAC does not verify") {
		t.Errorf("the altered message's report does not say why:\n%s", out)
	}
}

// alterEncoded flips one byte of an encoded message.
func alterEncoded(t *testing.T, line string, at int) string {
	t.Helper()
	body := strings.TrimSuffix(strings.TrimPrefix(line, "?OTR:"), ".")
	bin, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		t.Fatal(err)
	}
	bin[at] ^= 1
	return "?OTR:" + base64.StdEncoding.EncodeToString(bin) + "."
}

// parse --aes-key-file reads keys from a private file, so live keys need
// not sit in argv; a bad line is named without its content.
func TestParseAESKeyFile(t *testing.T) {
	tr, alice, _ := toolkitTalk(t, "hello bob")
	keys, err := inspect.ComputeSessKeys(alice.State.Keys.OurPrevious.Private, alice.State.Keys.TheirCurrent)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimPrefix(tr[len(tr)-1], "alice: ")
	dir := t.TempDir()
	file := filepath.Join(dir, "keys")
	content := "# a comment\n\n" + strings.Repeat("00", 16) + "\n" + hex.EncodeToString(keys.SendAES) + "\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runToolkit(t, line+"\n", "parse", "--aes-key-file", file)
	if err != nil || !strings.Contains(out, `Text: "hello bob"`) || !strings.Contains(out, "MAC verified") {
		t.Fatalf("parse --aes-key-file: %v\n%s", err, out)
	}
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runToolkit(t, line+"\n", "parse", "--aes-key-file", file); err == nil || !strings.Contains(err.Error(), "accessible by group or others") {
		t.Errorf("a world-readable key file: %v", err)
	}
	secret := "0123456789abcdef0123456789abcdeZ"
	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = runToolkit(t, line+"\n", "parse", "--aes-key-file", file)
	if err == nil || !strings.Contains(err.Error(), "line 1: not an AES key") || strings.Contains(err.Error(), "0123") {
		t.Errorf("a bad key line: %v", err)
	}
}
