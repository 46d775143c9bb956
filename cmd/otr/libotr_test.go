package main

import (
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// Accounts of the libotr key file the import tests share.
const (
	libAlice, libAliceProto = "alice@example", "prpl-jabber"
	libBob, libBobProto     = "bob@example", "prpl-jabber"
)

var libKeys struct {
	sync.Mutex
	path string
}

// libotrKeyFile is a key file made by libotr (otrl_privkey_generate) with
// two accounts, generated once per test run.
func libotrKeyFile(t *testing.T) string {
	t.Helper()
	libKeys.Lock()
	defer libKeys.Unlock()
	if libKeys.path == "" {
		path := filepath.Join(tmpRoot, "libotr.private_key")
		libotrpeer.KeyGen(t, path, libAlice, libAliceProto)
		libotrpeer.KeyGen(t, path, libBob, libBobProto)
		libKeys.path = path
	}
	return libKeys.path
}

// libotrFingerprint is libotr's fingerprint of an account in a key file,
// 40 lower-case hex digits.
func libotrFingerprint(t *testing.T, path, account, protocol string) string {
	t.Helper()
	human, ok := libotrpeer.ReadKeyFingerprints(t, path)[account+"/"+protocol]
	if !ok {
		t.Fatalf("libotr finds no key for %s/%s in %s", account, protocol, path)
	}
	return strings.ToLower(strings.ReplaceAll(human, " ", ""))
}

func writeTestFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func rawFingerprint(t *testing.T, dir string) string {
	t.Helper()
	r := runOTR(t, "", nil, "--state", dir, "fingerprint", "--raw")
	if r.code != 0 {
		t.Fatalf("otr fingerprint: %s", r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

func mustOTR(t *testing.T, args ...string) result {
	t.Helper()
	r := runOTR(t, "", nil, args...)
	if r.code != 0 {
		t.Fatalf("otr %q exited %d:\n%s", args, r.code, r.stderr)
	}
	return r
}

func TestImportLibotrKeyGivesLibotrsFingerprint(t *testing.T) {
	keys := libotrKeyFile(t)
	for _, acct := range [][2]string{{libAlice, libAliceProto}, {libBob, libBobProto}} {
		dir := filepath.Join(t.TempDir(), "state")
		r := mustOTR(t, "--state", dir, "import-libotr", "--private-key", keys, "--account", acct[0], "--protocol", acct[1])
		want := libotrFingerprint(t, keys, acct[0], acct[1])
		if got := rawFingerprint(t, dir); got != want {
			t.Errorf("%s: otr fingerprint %s, libotr says %s", acct[0], got, want)
		}
		first, _ := strings.CutPrefix(strings.SplitN(r.stdout, "\n", 2)[0], "fingerprint: ")
		if human := strings.ToLower(strings.ReplaceAll(first, " ", "")); human != want {
			t.Errorf("%s: import printed %q first, want the fingerprint", acct[0], r.stdout)
		}
	}
}

func TestExportedKeyIsReadByLibotr(t *testing.T) {
	alice, _ := pair(t)
	out := filepath.Join(t.TempDir(), "otr.private_key")
	mustOTR(t, "--state", alice.dir, "export-libotr", "--account", "me@jabber.org/", "--protocol", "prpl-jabber", "--private-key", out)
	if got := libotrFingerprint(t, out, "me@jabber.org/", "prpl-jabber"); got != rawFingerprint(t, alice.dir) {
		t.Errorf("libotr reads fingerprint %s from our export, ours is %s", got, rawFingerprint(t, alice.dir))
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("exported key file: %v, mode %v; want 0600", err, info.Mode())
	}
	// Merged into a file of libotr's, its accounts stay as they were.
	merged := filepath.Join(t.TempDir(), "otr.private_key")
	data, _ := os.ReadFile(libotrKeyFile(t))
	writeTestFile(t, filepath.Dir(merged), "otr.private_key", string(data))
	mustOTR(t, "--state", alice.dir, "export-libotr", "--account", "me", "--protocol", "IRC", "--private-key", merged, "--merge")
	fps := libotrpeer.ReadKeyFingerprints(t, merged)
	if len(fps) != 3 || libotrFingerprint(t, merged, "me", "IRC") != rawFingerprint(t, alice.dir) ||
		libotrFingerprint(t, merged, libBob, libBobProto) != libotrFingerprint(t, libotrKeyFile(t), libBob, libBobProto) {
		t.Errorf("after --merge libotr reads %v", fps)
	}
}

func TestLibotrFilesSurviveImportAndExport(t *testing.T) {
	in := t.TempDir()
	keys := libotrKeyFile(t)
	fps := "" +
		"bob@example\talice@example\tprpl-jabber\t0123456789abcdef0123456789abcdef01234567\tverified\n" +
		"bob@example\talice@example\tprpl-jabber\t1123456789abcdef0123456789abcdef01234567\t\n" +
		"carol@example\talice@example\tprpl-jabber\t2123456789abcdef0123456789abcdef01234567\tsmp\n" +
		"erin@example\talice@example\tprpl-jabber\t4123456789abcdef0123456789abcdef01234567\tchecked by phone\n" +
		"dave@example\tbob@example\tprpl-jabber\t3123456789abcdef0123456789abcdef01234567\tverified\n" // another account
	tags := "# WARNING! comment line\n" +
		"bob@example\tprpl-jabber\t0000abcd\n" +
		"alice@example\tprpl-jabber\t1234abcd\n"
	dir := filepath.Join(t.TempDir(), "state")
	mustOTR(t, "--state", dir, "import-libotr", "--private-key", keys, "--account", libAlice, "--protocol", libAliceProto,
		"--fingerprints", writeTestFile(t, in, "otr.fingerprints", fps), "--instance-tags", writeTestFile(t, in, "otr.instance_tags", tags))

	wantTrust := map[string]string{"bob@example": "manual", "carol@example": "smp", "erin@example": "(libotr: checked by phone)"}
	for peer, trust := range wantTrust {
		list := mustOTR(t, "--state", dir, "trust", "--peer", peer).stdout
		if !strings.Contains(list, trust) {
			t.Errorf("trust list of %s: %q, want %s", peer, list, trust)
		}
	}
	if r := runOTR(t, "", nil, "--state", dir, "trust", "--peer", "dave@example"); r.code != exitFailure || !strings.Contains(r.stderr, "no saved session") {
		t.Errorf("a fingerprint of another account was imported: exit %d, %q", r.code, r.stdout+r.stderr)
	}

	out := t.TempDir()
	mustOTR(t, "--state", dir, "export-libotr", "--account", libAlice, "--protocol", libAliceProto,
		"--fingerprints", filepath.Join(out, "fp"), "--instance-tags", filepath.Join(out, "tags"), "--private-key", filepath.Join(out, "key"))
	wantFps := strings.Split(strings.TrimSuffix(fps, "\n"), "\n")[:4]
	sort.Strings(wantFps)
	if got := sortedLines(t, filepath.Join(out, "fp")); !reflect.DeepEqual(got, wantFps) {
		t.Errorf("exported fingerprints:\n%q\nwant:\n%q", got, wantFps)
	}
	if got := sortedLines(t, filepath.Join(out, "tags")); len(got) != 2 || got[1] != "alice@example\tprpl-jabber\t1234abcd" {
		t.Errorf("exported instance tags %q", got)
	}
	if libotrFingerprint(t, filepath.Join(out, "key"), libAlice, libAliceProto) != libotrFingerprint(t, keys, libAlice, libAliceProto) {
		t.Error("the exported key is not the imported one")
	}
}

func sortedLines(t *testing.T, path string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(readFile(t, path)), "\n"), "\n")
	sort.Strings(lines)
	return lines
}

// TestImportedIdentityTalksToLibotr: our imported alice and libotr's bob,
// both from the same key file; the imported trust and tag are in use.
func TestImportedIdentityTalksToLibotr(t *testing.T) {
	keys := libotrKeyFile(t)
	bobFP := libotrFingerprint(t, keys, libBob, libBobProto)
	in := t.TempDir()
	dir := filepath.Join(t.TempDir(), "state")
	mustOTR(t, "--state", dir, "import-libotr", "--private-key", keys, "--account", libAlice, "--protocol", libAliceProto,
		"--fingerprints", writeTestFile(t, in, "fp", "bob@example\talice@example\tprpl-jabber\t"+bobFP+"\tverified\n"),
		"--instance-tags", writeTestFile(t, in, "tags", "alice@example\tprpl-jabber\t7777abcd\n"))

	lib := libotrpeer.Start(t, libotrpeer.Options{Account: libBob, Protocol: libBobProto, Buddy: libAlice, KeyFile: keys})
	s := &withLibotr{t: t, us: &party{t, dir, "bob@example"}, lib: lib}
	_, tr := s.ours("", "query", "--peer", "bob@example")
	sec := tr.our("secure")
	if sec == nil || sec["fingerprint"] != bobFP || sec["trusted"] != true {
		t.Fatalf("secure event %v: want bob's fingerprint %s, trusted (verified in the imported file)", sec, bobFP)
	}
	st := lib.Status()
	if st.TheirFingerprint != libotrFingerprint(t, keys, libAlice, libAliceProto) || st.TheirInstance != 0x7777abcd {
		t.Errorf("libotr sees fingerprint %s, instance %#x; want alice's key and the imported tag", st.TheirFingerprint, st.TheirInstance)
	}
	s.weSay("imported hello")
	s.theySay("hello back")
}

// snapshot is every file under dir (lock files aside) with its bytes; nil
// when dir does not exist.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil
	}
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".lock") {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = hex.EncodeToString(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// twoAccountKeyFile is a key file with libAlice and libBob made by our own
// export, so that the bad-input tests run without libotr too.
func twoAccountKeyFile(t *testing.T) string {
	t.Helper()
	a, b := pair(t)
	path := filepath.Join(t.TempDir(), "otr.private_key")
	mustOTR(t, "--state", a.dir, "export-libotr", "--account", libAlice, "--protocol", libAliceProto, "--private-key", path)
	mustOTR(t, "--state", b.dir, "export-libotr", "--account", libBob, "--protocol", libBobProto, "--private-key", path, "--merge")
	return path
}

func TestImportLibotrBadInput(t *testing.T) {
	keys := twoAccountKeyFile(t)
	data := string(readFile(t, keys))
	in := t.TempDir()
	corruptKey := writeTestFile(t, in, "corrupt.private_key", data[:len(data)/2])
	notKey := writeTestFile(t, in, "wrong.private_key", "(privkeys (account (name \"x\") (protocol p) (private-key (rsa (n #01#)))))\n")
	badFps := writeTestFile(t, in, "otr.fingerprints", "bob@example\talice@example\tprpl-jabber\tnot-hex\t\n")
	badTags := writeTestFile(t, in, "otr.instance_tags", "alice@example\tprpl-jabber\t00000001\n")
	alice := []string{"--account", libAlice, "--protocol", libAliceProto}
	tests := []struct {
		name      string
		args      []string
		code      int
		errorHas  []string
		freshOnly bool
	}{
		{"no account chosen", []string{"--private-key", keys}, exitFailure, []string{"2 accounts", libAlice, libBob}, false},
		{"unknown account", []string{"--private-key", keys, "--account", "nobody"}, exitFailure, []string{"no account", libAlice, libBob}, false},
		{"corrupt key file", append([]string{"--private-key", corruptKey}, alice...), exitFailure, []string{corruptKey, "line"}, false},
		{"not a DSA key", append([]string{"--private-key", notKey}, alice...), exitFailure, []string{notKey, "DSA"}, false},
		{"missing key file", append([]string{"--private-key", filepath.Join(in, "nope")}, alice...), exitFailure, []string{"nope", "otr.private_key"}, false},
		{"corrupt fingerprints", append([]string{"--private-key", keys, "--fingerprints", badFps}, alice...), exitFailure, []string{badFps, "line 1"}, false},
		{"corrupt instance tags", append([]string{"--private-key", keys, "--instance-tags", badTags}, alice...), exitFailure, []string{badTags, "line 1"}, false},
		{"no key file given", alice, exitUsage, []string{"private-key"}, false},
		{"another key without --force", []string{"--private-key", keys, "--account", libBob}, exitFailure, []string{"different key", "--force"}, true},
	}
	for _, tc := range tests {
		for _, fresh := range []bool{true, false} {
			if tc.freshOnly && fresh {
				continue
			}
			name := map[bool]string{true: "fresh state", false: "existing state"}[fresh]
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "state")
				if !fresh {
					a, b := pair(t)
					handshake(t, a, b)
					dir = a.dir
				}
				before := snapshot(t, dir)
				r := runOTR(t, "", nil, append([]string{"--state", dir, "import-libotr"}, tc.args...)...)
				if r.code != tc.code || !strings.Contains(r.stderr, "otr: error: ") || !strings.Contains(r.stderr, "otr: hint: ") {
					t.Fatalf("exit %d (want %d), stderr %q", r.code, tc.code, r.stderr)
				}
				for _, s := range tc.errorHas {
					if !strings.Contains(r.stderr, s) {
						t.Errorf("stderr %q does not mention %q", r.stderr, s)
					}
				}
				if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
					t.Errorf("the state changed:\nbefore %v\nafter  %v", keysOf(before), keysOf(after))
				}
			})
		}
	}
}

func keysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, filepath.Base(k))
	}
	sort.Strings(out)
	return out
}

func TestExportLibotrRefusals(t *testing.T) {
	alice, _ := pair(t)
	out := t.TempDir()
	existing := writeTestFile(t, out, "otr.private_key", "precious\n")
	corrupt := writeTestFile(t, out, "otr.fingerprints", "not a fingerprints file\n")
	newTags := filepath.Join(out, "otr.instance_tags")
	acct := []string{"--account", "me", "--protocol", "IRC"}
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"existing file without --force", []string{"--private-key", existing, "--instance-tags", newTags}, exitFailure},
		{"merge into a corrupt file", []string{"--instance-tags", newTags, "--fingerprints", corrupt, "--merge"}, exitFailure},
		{"merge into a file that is not a key file", []string{"--private-key", existing, "--merge"}, exitFailure},
		{"an account name libotr cannot store", []string{"--instance-tags", newTags, "--account", "a\tb"}, exitFailure},
		{"no file to write", nil, exitUsage},
		{"no protocol", []string{"--protocol", "", "--instance-tags", newTags}, exitUsage},
		{"--force with --merge", []string{"--private-key", existing, "--force", "--merge"}, exitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(t, out)
			r := runOTR(t, "", nil, append(append([]string{"--state", alice.dir, "export-libotr"}, acct...), tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, "otr: error: ") || !strings.Contains(r.stderr, "otr: hint: ") {
				t.Fatalf("exit %d (want %d), stderr %q", r.code, tc.code, r.stderr)
			}
			if after := snapshot(t, out); !reflect.DeepEqual(before, after) {
				t.Errorf("files changed: before %v, after %v", keysOf(before), keysOf(after))
			}
		})
	}
}

func TestImportLibotrIntoExistingIdentity(t *testing.T) {
	keys := twoAccountKeyFile(t)
	a, b := pair(t)
	mustOTR(t, "--state", a.dir, "policy", "allow-v2=false")
	fp := "0123456789abcdef0123456789abcdef01234567"
	fps := writeTestFile(t, t.TempDir(), "otr.fingerprints", "carol\t"+libAlice+"\t"+libAliceProto+"\t"+fp+"\t\n")
	importAlice := []string{"--state", a.dir, "import-libotr", "--private-key", keys, "--account", libAlice, "--fingerprints", fps}

	// The same key again: no --force needed, fingerprints are added.
	mustOTR(t, importAlice...)
	if list := mustOTR(t, "--state", a.dir, "trust", "--peer", "carol").stdout; !strings.Contains(list, "unverified") {
		t.Fatalf("carol's fingerprint after import: %q", list)
	}
	// A second import never lowers trust set since.
	mustOTR(t, "--state", a.dir, "trust", "--peer", "carol", "verify", fp)
	mustOTR(t, importAlice...)
	if list := mustOTR(t, "--state", a.dir, "trust", "--peer", "carol").stdout; !strings.Contains(list, "manual") {
		t.Errorf("a re-import lowered trust: %q", list)
	}
	// Another key with --force: replaced, the policy kept.
	mustOTR(t, "--state", a.dir, "import-libotr", "--private-key", keys, "--account", libBob, "--force")
	if got, want := rawFingerprint(t, a.dir), rawFingerprint(t, b.dir); got != want {
		t.Errorf("after --force the fingerprint is %s, want bob's %s", got, want)
	}
	if policy := mustOTR(t, "--state", a.dir, "policy").stdout; !strings.Contains(policy, "allow-v2=false") {
		t.Errorf("the policy was not kept: %q", policy)
	}
}
