package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/otrtool/otr/pkg/otr/inspect"
	"github.com/otrtool/otr/pkg/state"
)

// TestSecretHygiene runs every subcommand with known secrets -- the SMP
// secrets, the DSA private key x, every D-H private key, SMP exponent and
// AES key the state files hold (and the AES keys their D-H keys derive) --
// and checks that no secret is ever put in argv (the SMP secret goes by
// stdin or --secret-file), that none appears in any stdout, stderr,
// display (text, JSON, --display file) or --debug output, error output
// included, except keygen --show-params, the explicit opt-in dump of x;
// and that after every command each file under the state directories is
// 0600 and each directory 0700.
//
// Not searched for: MAC keys (OTR reveals old ones on purpose), the AKE's
// r (revealed in the Reveal Signature message), the extra symmetric key
// (extra-key's purpose is to show it), and the keys `otr forge` is given
// in argv (a libotr-style toolkit for keys you choose; it reads no state).
func TestSecretHygiene(t *testing.T) {
	h := newHygiene(t)
	alice, bob := h.identities()
	h.ake(alice, bob)
	h.talk(alice, bob)
	h.smp(alice, bob)
	h.failures(alice, bob)
	h.corruptStates(alice, bob)
	h.forge(alice)
	h.closeSession(alice, bob)
	h.checkOutputs()
}

const (
	smpSecretStdin = "stdin-smp-secret-Zq81 with spaces"
	smpSecretFile  = "file-smp-secret-Kp42"
	smpSecretOpen  = "world-readable-secret-Wv77"
)

// hygiene runs the commands, keeps every output, and learns the secrets
// from the state files after each command.
type hygiene struct {
	t       *testing.T
	tmp     string
	roots   []string          // state directories: modes checked after every command
	secrets map[string]string // secret value (hex, or text) → what it is
	outputs []hygieneOutput
	calls   int
	debugs  int    // debug events seen: --debug output was really produced
	dump    string // keygen --show-params: the one opt-in dump of x
}

type hygieneOutput struct{ command, text string }

// hparty is one identity and its name for the other side.
type hparty struct{ dir, peer string }

// hresult is one invocation's output; display is the display stream.
type hresult struct {
	stdout, stderr, display string
	code                    int
}

// shows reports whether the display stream has an event of that kind, in
// JSON or in text.
func (r hresult) shows(kind, text string) bool {
	return strings.Contains(r.display, `"event":"`+kind+`"`) || strings.Contains(r.display, text)
}

func newHygiene(t *testing.T) *hygiene {
	otrBinary(t)
	return &hygiene{t: t, tmp: t.TempDir(), secrets: map[string]string{
		smpSecretStdin: "the SMP secret given on stdin",
		smpSecretFile:  "the SMP secret given in --secret-file",
		smpSecretOpen:  "the SMP secret in a file others can read",
	}}
}

// run invokes otr on a state with --debug, rotating through text on
// stderr, JSON on stderr and JSON to a --display file.
func (h *hygiene) run(p hparty, stdin string, args ...string) hresult {
	h.t.Helper()
	h.calls++
	h.checkArgv(args)
	flags := []string{"--state", p.dir, "--debug"}
	display := ""
	switch h.calls % 3 {
	case 1:
		flags = append(flags, "--json")
	case 2:
		display = filepath.Join(h.tmp, fmt.Sprintf("display-%d", h.calls))
		flags = append(flags, "--json", "--display", display)
	}
	r := h.exec(stdin, append(flags, args...))
	if display != "" {
		r.display = h.displayFile(display)
	}
	h.record(strings.Join(args, " "), r)
	return r
}

func (h *hygiene) exec(stdin string, args []string) hresult {
	h.t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := hresult{stdout: out.String(), stderr: errb.String(), display: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		h.t.Fatalf("otr %q: %v", args, err)
	}
	return r
}

// displayFile reads a --display file, which must be private too.
func (h *hygiene) displayFile(path string) string {
	h.t.Helper()
	info, err := os.Stat(path)
	if err == nil && info.Mode().Perm() != 0o600 {
		h.t.Errorf("--display file %s has mode %04o, want 0600", path, info.Mode().Perm())
	}
	return string(readFile(h.t, path))
}

func (h *hygiene) record(command string, r hresult) {
	h.t.Helper()
	for _, text := range []string{r.stdout, r.stderr, r.display} {
		h.outputs = append(h.outputs, hygieneOutput{command, text})
	}
	h.debugs += strings.Count(r.display, `"event":"debug"`) + strings.Count(r.display, "otr: debug: ")
	h.checkModes()
	h.learnSecrets()
}

// must runs a command that has to succeed.
func (h *hygiene) must(p hparty, stdin string, args ...string) hresult {
	h.t.Helper()
	r := h.run(p, stdin, args...)
	if r.code != 0 {
		h.t.Fatalf("otr %q exited %d: %s", args, r.code, r.stderr)
	}
	return r
}

// fails runs a command that has to fail with a one-line error.
func (h *hygiene) fails(p hparty, stdin, want string, args ...string) hresult {
	h.t.Helper()
	r := h.run(p, stdin, args...)
	if r.code == 0 || !strings.Contains(r.stderr+r.display, want) {
		h.t.Errorf("otr %q: exit %d, stderr %q: want a failure saying %q", args, r.code, r.stderr, want)
	}
	return r
}

// checkArgv: no known secret ever goes on a command line.
func (h *hygiene) checkArgv(args []string) {
	h.t.Helper()
	for _, a := range args {
		for s, what := range h.secrets {
			if strings.Contains(a, s) || strings.Contains(strings.ToLower(a), strings.ToLower(s)) {
				h.t.Fatalf("the test put %s in argv: %q", what, args)
			}
		}
	}
}

// checkModes walks every state directory: files 0600, directories 0700.
func (h *hygiene) checkModes() {
	h.t.Helper()
	for _, root := range h.roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			want := fs.FileMode(0o600)
			if d.IsDir() {
				want = 0o700
			}
			if info.Mode().Perm() != want {
				h.t.Errorf("%s has mode %04o, want %04o (after %d commands)", path, info.Mode().Perm(), want, h.calls)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			h.t.Fatal(err)
		}
	}
}

// secretFields are the state keys whose values must never be shown.
var secretFields = map[string]string{
	"x": "the DSA private key x", "private": "a D-H private key", "our_private": "the AKE's D-H private key",
	"secret": "the hashed SMP secret", "x2": "an SMP exponent", "x3": "an SMP exponent",
	"send_aes": "a sending AES key", "recv_aes": "a receiving AES key",
}

// learnSecrets reads every state file and remembers its secrets, and the
// AES keys its D-H keys derive.
func (h *hygiene) learnSecrets() {
	h.t.Helper()
	for _, root := range h.roots {
		files, _ := filepath.Glob(filepath.Join(root, "*.toml"))
		peers, _ := filepath.Glob(filepath.Join(root, "peers", "*.toml"))
		for _, f := range append(files, peers...) {
			var doc map[string]any
			if _, err := toml.DecodeFile(f, &doc); err != nil {
				continue // a file this test broke on purpose
			}
			h.learnFields(f, doc)
			h.learnDerived(f)
		}
	}
}

func (h *hygiene) learnFields(file string, doc map[string]any) {
	for k, v := range doc {
		switch v := v.(type) {
		case map[string]any:
			h.learnFields(file, v)
		case []map[string]any:
			for _, m := range v {
				h.learnFields(file, m)
			}
		case string:
			if what, ok := secretFields[k]; ok && len(strings.TrimLeft(v, "0")) >= 16 {
				h.secrets[strings.TrimLeft(v, "0")] = what + " from " + filepath.Base(file)
			}
		}
	}
}

func (h *hygiene) learnDerived(file string) {
	var p state.Peer
	if _, err := toml.DecodeFile(file, &p); err != nil || p.Name == "" {
		return
	}
	ks := p.Session.Keys
	for _, ours := range [][]byte{ks.OurCurrent.Private, ks.OurPrevious.Private} {
		for _, theirs := range [][]byte{ks.TheirCurrent, ks.TheirPrevious} {
			if len(ours) == 0 || len(theirs) == 0 {
				continue
			}
			if k, err := inspect.ComputeSessKeys(ours, theirs); err == nil {
				h.secrets[hex.EncodeToString(k.SendAES)] = "a derived sending AES key of " + p.Name
				h.secrets[hex.EncodeToString(k.RecvAES)] = "a derived receiving AES key of " + p.Name
			}
		}
	}
}

// checkOutputs searches everything printed for every secret learnt. The
// --show-params dump, searched the same way, must be caught: the search
// works.
func (h *hygiene) checkOutputs() {
	h.t.Helper()
	if h.debugs == 0 {
		h.t.Error("no debug event was produced: the --debug output was not exercised")
	}
	if found := h.leaks(h.dump); !slices.Contains(found, "the DSA private key x from identity.toml") {
		h.t.Errorf("the search finds %v in the --show-params dump, want x", found)
	}
	for _, o := range h.outputs {
		for _, what := range h.leaks(o.text) {
			h.t.Errorf("otr %s printed %s", o.command, what)
		}
	}
	kinds := map[string]int{}
	for _, what := range h.secrets {
		kinds[strings.Split(what, " from ")[0]]++
	}
	h.t.Logf("%d commands, %d outputs searched for %d secrets: %v", h.calls, len(h.outputs), len(h.secrets), kinds)
}

func (h *hygiene) leaks(text string) []string {
	var found []string
	for s, what := range h.secrets {
		if strings.Contains(text, s) || strings.Contains(text, strings.ToUpper(s)) {
			found = append(found, what)
		}
	}
	return found
}

// identities: keygen, the opt-in dump, fingerprints, policy.
func (h *hygiene) identities() (alice, bob hparty) {
	alice = hparty{filepath.Join(h.tmp, "alice"), "bob"}
	bob = hparty{filepath.Join(h.tmp, "bob"), "alice"}
	h.roots = append(h.roots, alice.dir, bob.dir)
	h.must(alice, "", "keygen")
	h.must(bob, "", "keygen")
	h.showParams(alice)
	for _, p := range []hparty{alice, bob} {
		h.must(p, "", "fingerprint")
		h.must(p, "", "fingerprint", "--raw")
		h.must(p, "", "policy")
		h.must(p, "", "policy", "whitespace-tag=true")
		h.must(p, "", "status")
	}
	return alice, bob
}

// showParams is the one explicit dump of x: it must hold x, and is left
// out of the search.
func (h *hygiene) showParams(p hparty) {
	h.t.Helper()
	r := h.exec("", []string{"--state", p.dir, "keygen", "--show-params"})
	h.checkModes()
	h.learnSecrets()
	x := h.identityX(p)
	if r.code != 0 || !strings.Contains(r.stdout, "x="+x) {
		h.t.Errorf("keygen --show-params: exit %d, want x on stdout", r.code)
	}
	if strings.Contains(r.stderr, x) {
		h.t.Error("keygen --show-params printed x on stderr")
	}
	h.dump = r.stdout
}

func (h *hygiene) identityX(p hparty) string {
	h.t.Helper()
	var id state.Identity
	if _, err := toml.DecodeFile(filepath.Join(p.dir, "identity.toml"), &id); err != nil || id.Key.X == "" {
		h.t.Fatalf("reading x: %v", err)
	}
	return id.Key.X
}

// pump delivers lines to `to`, its replies back, and so on until quiet;
// it returns every recv's result.
func (h *hygiene) pump(to, from hparty, lines string) []hresult {
	h.t.Helper()
	var all []hresult
	for i := 0; lines != "" && i < 12; i++ {
		r := h.must(to, lines, "recv", "--peer", to.peer)
		all = append(all, r)
		lines, to, from = r.stdout, from, to
	}
	return all
}

func anyShows(rs []hresult, kind, text string) bool {
	for _, r := range rs {
		if r.shows(kind, text) {
			return true
		}
	}
	return false
}

// ake: both sides query at once, so the AKEs collide (a debug event).
func (h *hygiene) ake(alice, bob hparty) {
	h.t.Helper()
	qa := h.must(alice, "", "query", "--peer", alice.peer).stdout
	qb := h.must(bob, "", "query", "--peer", bob.peer).stdout
	commitA := h.must(alice, qb, "recv", "--peer", alice.peer).stdout
	commitB := h.must(bob, qa, "recv", "--peer", bob.peer).stdout
	h.pump(bob, alice, commitA)
	h.pump(alice, bob, commitB)
	for _, p := range []hparty{alice, bob} {
		if st := h.must(p, "", "status", "--peer", p.peer); !strings.Contains(st.stdout, "encrypted") {
			h.t.Fatalf("no private conversation after the AKE: %s", st.stdout)
		}
	}
}

// talk: messages both ways, heartbeat, extra key, parse, status, trust.
func (h *hygiene) talk(alice, bob hparty) {
	h.t.Helper()
	var transcript []string
	for i := 0; i < 3; i++ {
		for _, pair := range [][2]hparty{{alice, bob}, {bob, alice}} {
			wire := h.must(pair[0], fmt.Sprintf("message %d\n", i), "send", "--peer", pair[0].peer).stdout
			transcript = append(transcript, pair[0].peer+": "+strings.TrimSpace(wire))
			h.pump(pair[1], pair[0], wire)
		}
	}
	h.pump(bob, alice, h.must(alice, "", "heartbeat", "--peer", alice.peer).stdout)
	rs := h.pump(bob, alice, h.must(alice, "", "extra-key", "--peer", alice.peer, "--use", "7", "--context", "0102").stdout)
	if !anyShows(rs, "extra_key", "* extra key with") {
		h.t.Error("bob did not see the extra key")
	}
	lines := strings.Join(transcript, "\n") + "\n"
	h.must(alice, wireOnly(lines), "parse", "--peer", alice.peer)
	h.must(bob, wireOnly(lines), "parse", "--peer", bob.peer)
	h.must(alice, lines, "parse", "--transcript", "--peer", alice.peer)
	h.must(alice, lines, "parse", "--ladder", "--peer", alice.peer)
	for _, p := range []hparty{alice, bob} {
		h.must(p, "", "status", "--peer", p.peer)
		h.must(p, "", "trust", "--peer", p.peer)
		h.must(p, "", "trust", "--peer", p.peer, "verify")
		h.must(p, "", "trust", "--peer", p.peer, "unverify")
		h.must(p, "", "fingerprint", "--peer", p.peer)
	}
}

// wireOnly drops the "name: " of transcript lines.
func wireOnly(transcript string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(transcript), "\n") {
		_, wire, _ := strings.Cut(l, ": ")
		out = append(out, wire)
	}
	return strings.Join(out, "\n") + "\n"
}

// smp: one run with the secret on stdin and the answer from a file, to
// success; one from a file, answered on stdin, aborted midway.
func (h *hygiene) smp(alice, bob hparty) {
	h.t.Helper()
	start := h.must(alice, smpSecretStdin+"\n", "smp", "start", "--peer", alice.peer, "--question", "which secret?")
	if rs := h.pump(bob, alice, start.stdout); !anyShows(rs, "smp_request", "wants to verify you") {
		h.t.Fatal("bob saw no SMP request")
	}
	answer := h.must(bob, "", "smp", "answer", "--peer", bob.peer, "--secret-file", h.secretFile("answer", smpSecretStdin, 0o600))
	if rs := h.pump(alice, bob, answer.stdout); !anyShows(rs, "smp_succeeded", "succeeded: the secrets match") {
		h.t.Fatal("SMP with equal secrets did not succeed")
	}
	start = h.must(bob, "", "smp", "start", "--peer", bob.peer, "--secret-file", h.secretFile("start", smpSecretFile, 0o600))
	h.pump(alice, bob, start.stdout)
	answer = h.must(alice, smpSecretFile+"\n", "smp", "answer", "--peer", alice.peer)
	h.must(bob, answer.stdout, "recv", "--peer", bob.peer) // bob now holds SMP exponents
	abort := h.must(alice, "", "smp", "abort", "--peer", alice.peer)
	if rs := h.pump(bob, alice, abort.stdout); !anyShows(rs, "smp_aborted", "aborted") {
		h.t.Error("bob did not see the abort")
	}
}

func (h *hygiene) secretFile(name, secret string, mode os.FileMode) string {
	h.t.Helper()
	path := filepath.Join(h.tmp, "secret-"+name)
	if err := os.WriteFile(path, []byte(secret+"\n"), mode); err != nil {
		h.t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // whatever the umask
		h.t.Fatal(err)
	}
	return path
}

// failures: error paths print no secret either, and leave modes alone.
func (h *hygiene) failures(alice, bob hparty) {
	h.t.Helper()
	h.fails(alice, smpSecretStdin+"\n", "wait for an smp_request", "smp", "answer", "--peer", alice.peer)
	h.fails(alice, "\n", "secret is empty", "smp", "start", "--peer", alice.peer)
	h.fails(alice, "", "no such file", "smp", "start", "--peer", alice.peer, "--secret-file", filepath.Join(h.tmp, "none"))
	open := h.secretFile("open", smpSecretOpen, 0o644)
	r := h.fails(alice, "", "accessible by group or others", "smp", "start", "--peer", alice.peer, "--secret-file", open)
	if !strings.Contains(r.stderr, "otr: hint: make it private: chmod 600 "+open) {
		h.t.Errorf("a world-readable secret file: stderr %q, want a chmod hint", r.stderr)
	}
	wire := h.must(alice, "to be tampered with\n", "send", "--peer", alice.peer).stdout
	h.fails(bob, tamper(h.t, wire)+"\n", "rejected", "recv", "--peer", bob.peer)
	h.importBadKeys(alice)
}

// importBadKeys: a wrong x, from a private --x-file, is refused without
// being echoed; an --x-file others can read is refused outright.
func (h *hygiene) importBadKeys(alice hparty) {
	h.t.Helper()
	var id state.Identity
	if _, err := toml.DecodeFile(filepath.Join(alice.dir, "identity.toml"), &id); err != nil {
		h.t.Fatal(err)
	}
	k := id.Key
	fresh := hparty{filepath.Join(h.tmp, "import"), ""}
	h.roots = append(h.roots, fresh.dir)
	x, _ := new(big.Int).SetString(k.X, 16)
	q, _ := new(big.Int).SetString(k.Q, 16)
	tooBig := new(big.Int).Add(x, q).Text(16) // in [q, 2q): refused
	h.secrets["zz"+k.X], h.secrets[tooBig] = "a malformed x", "an x out of range"
	for _, bad := range []struct{ x, q string }{{"zz" + k.X, k.Q}, {tooBig, k.Q}, {k.X, k.P}} {
		h.fails(fresh, "", "", "keygen", "--dsa-p", k.P, "--dsa-q", bad.q, "--dsa-g", k.G, "--dsa-x-file", h.secretFile("x", bad.x, 0o600))
	}
	h.fails(fresh, "", "accessible by group or others", "keygen", "--dsa-p", k.P, "--dsa-q", k.Q, "--dsa-g", k.G, "--dsa-x-file", h.secretFile("x-open", k.X, 0o640))
}

// corruptStates: a state file broken around a secret gives an error that
// names the file and quotes nothing of it.
func (h *hygiene) corruptStates(alice, bob hparty) {
	h.t.Helper()
	x := h.identityX(alice)
	tests := []struct {
		name, file, from, to string
		args                 [][]string
	}{
		{"x unterminated", "identity.toml", `x = "` + x + `"`, `x = "` + x, [][]string{{"status"}, {"send", "--peer", "bob"}}},
		{"x not a number", "identity.toml", `x = "` + x + `"`, `x = "` + x + `g"`, [][]string{{"fingerprint"}, {"query", "--peer", "bob"}}},
		{"x unquoted", "identity.toml", `x = "` + x + `"`, `x = ` + x, [][]string{{"status"}}},
		{"private key not hex", filepath.Join("peers", "bob.toml"), `private = "`, `private = "zz`, [][]string{{"send", "--peer", "bob"}, {"status", "--peer", "bob"}, {"parse", "--peer", "bob"}}},
		{"private key unquoted", filepath.Join("peers", "bob.toml"), `private = "`, `private = `, [][]string{{"recv", "--peer", "bob"}, {"status"}}},
	}
	for i, tc := range tests {
		broken := hparty{h.copyState(alice, fmt.Sprintf("corrupt-%d", i)), "bob"}
		h.breakFile(filepath.Join(broken.dir, tc.file), tc.from, tc.to)
		for _, args := range tc.args {
			r := h.run(broken, "hello\n", args...)
			if r.code == 0 || !strings.Contains(r.stderr, tc.file) {
				h.t.Errorf("%s: otr %v exit %d, stderr %q: want an error naming %s", tc.name, args, r.code, r.stderr, tc.file)
			}
		}
	}
}

// copyState copies a state directory (0700, files 0600) for breaking.
func (h *hygiene) copyState(p hparty, name string) string {
	h.t.Helper()
	dst := filepath.Join(h.tmp, name)
	for _, rel := range []string{"identity.toml", filepath.Join("peers", p.peer+".toml")} {
		data, err := os.ReadFile(filepath.Join(p.dir, rel))
		if err != nil {
			h.t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o700); err != nil {
			h.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, rel), data, 0o600); err != nil {
			h.t.Fatal(err)
		}
	}
	h.roots = append(h.roots, dst)
	return dst
}

func (h *hygiene) breakFile(path, from, to string) {
	h.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(data, []byte(from)) {
		h.t.Fatalf("%s does not hold %.20q (%v)", path, from, err)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(from), []byte(to), 1), 0o600); err != nil {
		h.t.Fatal(err)
	}
}

// forge: the toolkit runs on keys it is given (throwaway ones here); it
// reads no state, so it cannot print the state's secrets.
func (h *hygiene) forge(alice hparty) {
	h.t.Helper()
	aes := "00112233445566778899aabbccddeeff"
	wire := strings.TrimSpace(h.must(alice, "forged later\n", "send", "--peer", alice.peer).stdout)
	h.must(alice, "", "forge", "mackey", aes)
	h.must(alice, "", "forge", "sesskeys", "0123456789abcdef0123456789abcdef", "02")
	h.must(alice, wire+"\n", "forge", "readforge", aes, "new text")
	h.run(alice, wire+"\n", "forge", "modify", "00112233445566778899aabbccddeeff00112233", "forg", "FORG", "0")
}

// closeSession: close, the peer's finished, the peer's close.
func (h *hygiene) closeSession(alice, bob hparty) {
	h.t.Helper()
	if rs := h.pump(bob, alice, h.must(alice, "", "close", "--peer", alice.peer).stdout); !anyShows(rs, "finished", "ended the private conversation") {
		h.t.Error("bob did not see the conversation end")
	}
	h.must(bob, "", "close", "--peer", bob.peer)
	h.must(alice, "", "status")
}
