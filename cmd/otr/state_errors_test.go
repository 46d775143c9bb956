package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// secretKeys are the keys of state-file values that are secret (or, for
// fragments, the peer's unauthenticated bytes), by the last part of their
// path. Not here: MAC keys (revealed on purpose), the extra key (extra-key
// shows it), public keys, the ssid and fingerprints (status shows them).
var secretKeys = map[string]bool{
	"x": true, "private": true, "our_private": true, "send_aes": true, "recv_aes": true,
	"secret": true, "x2": true, "x3": true, "a2": true, "a3": true, "b3": true, "buffer": true,
}

// stateField is one value of a state file: the file (relative to the
// state directory), its dotted key and its text.
type stateField struct{ file, key, value string }

// mutations break `key = "value"` in ways a damaged or hand-edited file
// could, each keeping the value (or a piece of it) in the file. fails is
// false where the file may still load (then the output is still checked).
var mutations = []struct {
	name  string
	fails bool
	edit  func(key, v string) string
}{
	{"unquoted", true, func(k, v string) string { return k + " = " + v }},
	{"number out of range", true, func(k, v string) string { return k + " = 0x" + v }},
	{"digits first", true, func(k, v string) string { return k + " = 9" + v }},
	{"unterminated", true, func(k, v string) string { return k + ` = "` + v }},
	{"bad hex", true, func(k, v string) string { return k + ` = "` + v[:len(v)/2] + "g" + v[len(v)/2:] + `"` }},
	{"array", true, func(k, v string) string { return k + ` = ["` + v + `"]` }},
	{"table", true, func(k, v string) string { return k + ` = { v = "` + v + `" }` }},
	{"truncated", false, func(k, v string) string { return k + ` = "` + v[:len(v)/2+1] + `"` }},
}

// TestStateErrorsQuoteNoSecret (issue 9 point 8): every secret field of
// the identity and of a peer file (mid-session, mid-SMP, mid-fragment) is
// broken in every way above, and every subcommand that loads that file
// runs on it: its stdout and stderr (text and JSON) hold no 8-character
// piece of the value, and a broken file gives an error naming it.
func TestStateErrorsQuoteNoSecret(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	bob.recv(alice.send("hi"))
	alice.must("the secret\n", "smp", "start", "--peer", "bob")
	pieces := bob.must(strings.Repeat("a long message in pieces ", 20)+"\n", "--fragment-size", "120", "send", "--peer", "alice").stdout
	alice.must(strings.SplitN(pieces, "\n", 2)[0]+"\n", "recv", "--peer", "bob")

	peerFile := filepath.Join("peers", "bob.toml")
	fields := append(stateSecretFields(t, alice.dir, "identity.toml"), stateSecretFields(t, alice.dir, peerFile)...)
	// (A fragment buffer is in the list where the session keeps one; a
	// fragment journal beside the peer file is not TOML.)
	for _, want := range []string{"key.x", "session.keys.our_current.private", "session.keys.sessions.send_aes", "session.smp.secret"} {
		if !hasField(fields, want) {
			t.Fatalf("the state has no %s to break: %v", want, fields)
		}
	}
	common := [][]string{
		{"status"}, {"send", "--peer", "bob"}, {"recv", "--peer", "bob"}, {"query", "--peer", "bob"},
		{"close", "--peer", "bob"}, {"heartbeat", "--peer", "bob"}, {"smp", "abort", "--peer", "bob"},
		{"trust", "--peer", "bob", "verify"}, {"export-libotr", "--account", "a", "--protocol", "p", "--private-key", "@OUT/key", "--fingerprints", "@OUT/fp"},
	}
	commands := map[string][][]string{
		"identity.toml": append([][]string{{"fingerprint"}, {"policy"}, {"keygen"}}, common...),
		peerFile: append([][]string{{"status", "--peer", "bob"}, {"fingerprint", "--peer", "bob"},
			{"trust", "--peer", "bob"}, {"extra-key", "--peer", "bob", "--use", "1"},
			{"parse", "--peer", "bob"}, {"parse", "--session", "@FILE"}}, common...),
	}
	runs := 0
	for _, f := range fields {
		for mi, m := range mutations {
			dir := filepath.Join(t.TempDir(), "state")
			copyTree(t, alice.dir, dir)
			path := filepath.Join(dir, f.file)
			last := f.key[strings.LastIndex(f.key, ".")+1:]
			breakValue(t, path, last, f.value, m.edit(last, f.value))
			for ci, args := range commands[f.file] {
				args = append([]string(nil), args...)
				for i, a := range args {
					args[i] = strings.NewReplacer("@FILE", path, "@OUT", t.TempDir()).Replace(a)
				}
				flags := []string{"--state", dir}
				if (mi+ci)%2 == 0 {
					flags = append(flags, "--json")
				}
				stdin := "hello\n"
				if args[0] == "parse" {
					stdin = ""
				}
				r := runOTR(t, stdin, nil, append(flags, args...)...)
				runs++
				what := fmt.Sprintf("%s %s, otr %s", f.key, m.name, strings.Join(args, " "))
				if piece := leakedPiece(f.checked(), r.stdout+r.stderr); piece != "" {
					t.Errorf("%s: output holds %q of the value:\n%s%s", what, piece, r.stdout, r.stderr)
				}
				if m.fails && !(m.name == "bad hex" && f.text()) && (r.code == 0 || !strings.Contains(r.stderr, path)) && args[0] != "keygen" {
					t.Errorf("%s: exit %d, stderr %q: want an error naming %s", what, r.code, r.stderr, path)
				}
			}
		}
	}
	t.Logf("%d fields x %d mutations: %d runs", len(fields), len(mutations), runs)
}

// stateSecretFields lists the secret string values of a state file.
func stateSecretFields(t *testing.T, dir, file string) []stateField {
	t.Helper()
	var doc map[string]any
	if _, err := toml.DecodeFile(filepath.Join(dir, file), &doc); err != nil {
		t.Fatal(err)
	}
	var out []stateField
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(prefix+"."+k, e)
			}
		case []map[string]any:
			for _, e := range v {
				walk(prefix, e)
			}
		case string:
			key := strings.TrimPrefix(prefix, ".")
			if secretKeys[key[strings.LastIndex(key, ".")+1:]] && len(v) >= 16 {
				out = append(out, stateField{file, key, v})
			}
		}
	}
	walk("", doc)
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// text reports whether the value is text rather than hex (a fragment
// buffer): putting a "g" in it breaks nothing.
func (f stateField) text() bool { return strings.HasSuffix(f.key, ".buffer") }

// checked is the part of the value that must not appear: all of it, but
// for a fragment buffer the header that every OTR data message between
// the two parties shares ("?OTR:AAMD" and the instance tags).
func (f stateField) checked() string {
	if f.text() {
		return f.value[40:]
	}
	return f.value
}

func hasField(fields []stateField, key string) bool {
	for _, f := range fields {
		if f.key == key {
			return true
		}
	}
	return false
}

// breakValue replaces the line `key = "value"` of path by line.
func breakValue(t *testing.T, path, key, value, line string) {
	t.Helper()
	data := string(readFile(t, path))
	old := key + ` = "` + value + `"`
	if !strings.Contains(data, old) {
		t.Fatalf("%s has no %.40s…", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(data, old, line, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
}

// leakedPiece returns an 8-character piece of value found in out (in any
// case), or "".
func leakedPiece(value, out string) string {
	out = strings.ToLower(out)
	value = strings.ToLower(value)
	for i := 0; i+8 <= len(value); i++ {
		if strings.Contains(out, value[i:i+8]) {
			return value[i : i+8]
		}
	}
	return ""
}

// copyTree copies a state directory (identity and peer files; no locks).
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		if !strings.HasSuffix(p, ".toml") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}
