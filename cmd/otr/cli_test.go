package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runInProcess runs the command without building it, for checks of the
// command line itself.
func runInProcess(stdin string, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = run(append([]string{"otr"}, args...), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestUsageErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	tests := [][]string{
		{"frobnicate"},
		{},
		{"--state", dir, "send"},
		{"--state", dir, "send", "--no-such-flag"},
		{"--state", dir, "extra-key", "--peer", "x"},
		{"--state", dir, "send", "--peer", "x", "--fragment-size", "jabber"},
		{"--state", dir, "policy", "allow-v4=true"},
		{"--state", dir, "policy", "allow-v2=maybe"},
	}
	for _, args := range tests {
		stdout, stderr, code := runInProcess("", args...)
		if code != exitUsage || !strings.Contains(stderr, "otr: error: ") {
			t.Errorf("otr %q: exit %d, stderr %q; want exit %d and an error line", args, code, stderr, exitUsage)
		}
		if strings.Contains(stdout, "Incorrect Usage") {
			t.Errorf("otr %q printed usage noise on stdout", args)
		}
	}
}

// Help runs in the built binary: urfave/cli's help command keeps state
// between runs in one process.
func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help", "send"}, {"help", "smp"}, {"smp", "start", "--help"}, {"--version"}} {
		r := runOTR(t, "", nil, args...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("otr %q: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
	if r := runOTR(t, "", nil, "help", "send"); !strings.Contains(r.stdout, "Examples:") {
		t.Errorf("help send has no examples: %q", r.stdout)
	}
}

func TestGlobalFlagsAfterSubcommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	if _, stderr, code := runInProcess("", "keygen", "--state", dir); code != 0 {
		t.Fatalf("keygen --state after the command: %s", stderr)
	}
	stdout, _, code := runInProcess("", "policy", "--state", dir)
	if code != 0 || !strings.Contains(stdout, "allow-v3=true") {
		t.Errorf("policy --state after: exit %d %q", code, stdout)
	}
	t.Setenv("OTR_STATE", dir)
	if stdout, _, code := runInProcess("", "fingerprint", "--raw"); code != 0 || len(strings.TrimSpace(stdout)) != 40 {
		t.Errorf("OTR_STATE: fingerprint --raw = %q, exit %d", stdout, code)
	}
}

func TestKeygenImportAndRefusal(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	fp, _, code := runInProcess("", "--state", a, "keygen")
	if code != 0 || !strings.HasPrefix(fp, "fingerprint: ") || len(strings.Fields(fp)) != 6 {
		t.Fatalf("keygen printed %q", fp)
	}
	if _, stderr, code := runInProcess("", "--state", a, "keygen"); code != exitFailure || !strings.Contains(stderr, "--force") {
		t.Errorf("second keygen: exit %d, %q: want a refusal mentioning --force", code, stderr)
	}
	params, _, _ := runInProcess("", "--state", a, "keygen", "--show-params")
	vals := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(params), "\n")[1:] {
		k, v, _ := strings.Cut(line, "=")
		vals[k] = v
	}
	b := filepath.Join(t.TempDir(), "b")
	xFile := filepath.Join(t.TempDir(), "x")
	os.WriteFile(xFile, []byte(vals["x"]+"\n"), 0o600)
	imported, stderr, code := runInProcess("", "--state", b, "keygen", "--dsa-p", vals["p"], "--dsa-q", vals["q"], "--dsa-g", vals["g"], "--dsa-x-file", xFile)
	if code != 0 || imported != fp {
		t.Errorf("imported key: fingerprint %q (exit %d, %s), want %q", imported, code, stderr, fp)
	}
	_, stderr, code = runInProcess("", "--state", filepath.Join(t.TempDir(), "c"), "keygen", "--dsa-p", vals["p"], "--dsa-q", vals["q"], "--dsa-g", vals["g"], "--dsa-x", "0")
	if code != exitFailure || strings.Contains(stderr, vals["x"]) || !strings.Contains(stderr, "prefer --dsa-x-file") {
		t.Errorf("bad x: exit %d, stderr %q: want a failure, no x, and a warning about argv", code, stderr)
	}
	tagBefore, _ := os.ReadFile(filepath.Join(a, "identity.toml"))
	if _, _, code := runInProcess("", "--state", a, "keygen", "--force"); code != 0 {
		t.Fatal("keygen --force failed")
	}
	tagAfter, _ := os.ReadFile(filepath.Join(a, "identity.toml"))
	if tagLine(string(tagBefore)) != tagLine(string(tagAfter)) {
		t.Error("keygen --force changed the instance tag")
	}
}

func tagLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "instance_tag") {
			return l
		}
	}
	return ""
}

func TestPolicyRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	runInProcess("", "--state", dir, "keygen")
	stdout, _, code := runInProcess("", "--state", dir, "policy", "require-encryption=true", "allow-v2=false")
	want := "allow-v2=false\nallow-v3=true\nrequire-encryption=true\nwhitespace-tag=false\nwhitespace-start-ake=true\nerror-start-ake=true\n"
	if code != 0 || stdout != want {
		t.Errorf("policy set printed %q", stdout)
	}
	if stdout, _, _ := runInProcess("", "--state", dir, "policy"); stdout != want {
		t.Errorf("policy not saved: %q", stdout)
	}
}

func TestManPageIsCurrent(t *testing.T) {
	r := runOTR(t, "", nil, "man")
	page := r.stdout
	if r.code != 0 || !strings.Contains(page, ".TH OTR 1") {
		t.Fatalf("otr man: exit %d", r.code)
	}
	committed, err := os.ReadFile("../../docs/otr.1")
	if err != nil || string(committed) != page {
		t.Errorf("docs/otr.1 is stale: run go generate ./cmd/otr (%v)", err)
	}
}

// keygen's old -p (the prime) read like --peer; it is --dsa-p now.
func TestKeygenOneLetterOptionsRenamed(t *testing.T) {
	for _, flag := range []string{"-p", "--q", "-g", "-x"} {
		dir := filepath.Join(t.TempDir(), "s")
		_, stderr, code := runInProcess("", "--state", dir, "keygen", flag, "ab")
		if code != exitUsage || !strings.Contains(stderr, "otr: hint: the key import options are --dsa-p, --dsa-q, --dsa-g and --dsa-x-file") {
			t.Errorf("keygen %s: exit %d, %q", flag, code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "identity.toml")); err == nil {
			t.Errorf("keygen %s created a key", flag)
		}
	}
}
