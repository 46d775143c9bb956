package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// completionState is a state directory with peers bob and bobby.
func completionState(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "s")
	mustRun(t, "", "--state", dir, "keygen")
	mustRun(t, "", "--state", dir, "query", "--peer", "bob")
	mustRun(t, "", "--state", dir, "query", "--peer", "bobby")
	return dir
}

// The completion hook must never run the command being completed: before,
// "send … -- --generate-bash-completion" sent stdin on the wire.
func TestCompletionNeverRunsACommand(t *testing.T) {
	dir := completionState(t)
	peerFile := filepath.Join(dir, "peers", "bob.toml")
	before, _ := os.ReadFile(peerFile)
	for _, args := range [][]string{
		{"--state", dir, "send", "--peer", "bob", "--", "--generate-bash-completion"},
		{"--state", dir, "send", "--peer", "bob", "--generate-bash-completion"},
		{"--state", dir, "recv", "--peer", "carol", "--", "--generate-bash-completion"},
		{"--state", dir, "smp", "start", "--peer", "bob", "--generate-bash-completion"},
		{"__complete", "--state", dir, "send", "--peer", "bob", "--", ""},
	} {
		r := runOTR(t, "a secret line\n", nil, args...)
		if r.code != 0 || strings.Contains(r.stdout, "?OTR") || strings.Contains(r.stdout, "secret") || r.stderr != "" {
			t.Errorf("otr %q: exit %d, stdout %q, stderr %q: the command ran", args, r.code, r.stdout, r.stderr)
		}
	}
	after, _ := os.ReadFile(peerFile)
	if !bytes.Equal(before, after) {
		t.Error("completing changed the saved session")
	}
	if _, err := os.Stat(filepath.Join(dir, "peers", "carol.toml")); err == nil {
		t.Error("completing recv --peer carol saved a peer")
	}
}

func TestCompletionCandidates(t *testing.T) {
	dir := completionState(t)
	t.Setenv("OTR_STATE", dir)
	for _, c := range []struct {
		words []string
		want  string
	}{
		{[]string{"se"}, "send\n"},
		{[]string{"sm"}, "smp\n"},
		{[]string{"smp", ""}, "start\nanswer\nabort\n"},
		{[]string{"smp", "st"}, "start\n"},
		{[]string{"send", "--pe"}, "--peer\n"},
		{[]string{"send", "--peer", ""}, "bob\nbobby\n"},
		{[]string{"send", "--peer", "bobb"}, "bobby\n"},
		{[]string{"send", "-p", ""}, "bob\nbobby\n"},
		{[]string{"send", "--peer=b"}, "--peer=bob\n--peer=bobby\n"},
		{[]string{"send", "--peer", "=", "bobb"}, "bobby\n"}, // bash splits at "="
		{[]string{"--state", filepath.Join(t.TempDir(), "none"), "send", "--peer", ""}, ""},
		{[]string{"send", "--fragment-size", "i"}, "icq\nirc\n"},
		{[]string{"completion", ""}, "bash\nfish\nzsh\n"},
		{[]string{"send", "--", ""}, ""},
		{[]string{"--json", "st"}, "status\n"},
		{[]string{"--state", dir, "tr"}, "trust\n"},
	} {
		stdout, stderr, code := runInProcess("", append([]string{"__complete"}, c.words...)...)
		if code != 0 || stdout != c.want || stderr != "" {
			t.Errorf("complete %q = %q (exit %d, %q), want %q", c.words, stdout, code, stderr, c.want)
		}
	}
}

// The bash script, run by bash, completes peer names from the state.
func TestBashCompletionScript(t *testing.T) {
	dir := completionState(t)
	mustRun(t, "", "--state", dir, "query", "--peer", "my peer")
	bin := otrBinary(t)
	script := runOTR(t, "", nil, "completion", "bash").stdout
	test := script + `
COMP_WORDS=(otr --state "$STATE" send --peer bo); COMP_CWORD=5; _otr
printf '%s\n' "${COMPREPLY[@]}"
COMP_WORDS=(otr --state "$STATE" sm); COMP_CWORD=3; _otr
printf '%s\n' "${COMPREPLY[@]}"
COMP_WORDS=(otr --state "$STATE" send --peer "my "); COMP_CWORD=5; _otr
printf '%s\n' "${COMPREPLY[@]}"
complete -p otr
`
	cmd := exec.Command("bash", "--norc", "--noprofile", "-c", test)
	cmd.Env = append(os.Environ(), "STATE="+dir, "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != "bob\nbobby\nsmp\nmy\\ peer\ncomplete -o default -F _otr otr\n" {
		t.Errorf("bash completion: %v, %q", err, out)
	}
}

func TestCompletionScriptsPrint(t *testing.T) {
	for shell, want := range map[string]string{"bash": "complete -o default -F _otr otr", "zsh": "#compdef otr", "fish": "complete -c otr"} {
		stdout, _, code := runInProcess("", "completion", shell)
		if code != 0 || !strings.Contains(stdout, want) || !strings.Contains(stdout, "__complete") {
			t.Errorf("completion %s: exit %d, %q", shell, code, stdout)
		}
	}
	if _, _, code := runInProcess("", "completion", "tcsh"); code != exitUsage {
		t.Errorf("completion tcsh: exit %d, want %d", code, exitUsage)
	}
}

// shellWithOTR runs a shell script with otr on PATH; it skips when the
// shell is not installed (CI installs zsh and fish).
func shellWithOTR(t *testing.T, shell string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(shell)
	if err != nil {
		t.Skipf("%s is not installed", shell)
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(otrBinary(t))+":"+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", shell, err, out)
	}
	return string(out)
}

// The zsh script, with zsh's completion builtins stubbed: what it offers.
func TestZshCompletionScript(t *testing.T) {
	dir := completionState(t)
	script := runOTR(t, "", nil, "completion", "zsh").stdout
	got := shellWithOTR(t, "zsh", "-f", "-c", `compdef() { : }; compadd() { shift; print -l -- "$@"; }; _files() { print FILES; }
`+script+`
words=(otr --state `+dir+` send --peer bo); CURRENT=6; _otr
words=(otr sm); CURRENT=2; _otr
words=(otr --state ""); CURRENT=3; _otr`)
	if got != "bob\nbobby\nsmp\nFILES\n" {
		t.Errorf("zsh completion offered %q", got)
	}
}

// fish's own "complete -C" runs the script as a person's Tab would.
func TestFishCompletionScript(t *testing.T) {
	dir := completionState(t)
	script := runOTR(t, "", nil, "completion", "fish").stdout
	got := shellWithOTR(t, "fish", "--no-config", "-c", script+`
complete -C "otr --state `+dir+` send --peer bo"
complete -C "otr sm"
complete -C "otr send --pe"`)
	if got != "bob\nbobby\nsmp\n--peer\n" {
		t.Errorf("fish completion offered %q", got)
	}
}

func TestBashCompletionScriptIsShellcheckClean(t *testing.T) {
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Skip("shellcheck is not installed")
	}
	cmd := exec.Command("shellcheck", "-s", "bash", "-")
	cmd.Stdin = strings.NewReader(bashCompletion)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("shellcheck: %v\n%s", err, out)
	}
}
