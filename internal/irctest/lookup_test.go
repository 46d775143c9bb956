package irctest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeTool writes an executable script at path that logs how it was
// called into logFile and succeeds (enough for scripts/chat.sh to start
// and end a chat).
func fakeTool(t *testing.T, path, logFile string) {
	t.Helper()
	check(t, os.MkdirAll(filepath.Dir(path), 0o755))
	script := "#!/bin/sh\necho \"$0 $*\" >> '" + logFile + "'\nexit 0\n"
	check(t, os.WriteFile(path, []byte(script), 0o755))
}

// TestIRCScriptFindsBridge: scripts/irc.sh runs $OTR_IRC_BRIDGE, else the
// otr-irc-bridge beside $OTR, else the one on the PATH, and without any
// says how to build it and runs nothing.
func TestIRCScriptFindsBridge(t *testing.T) {
	script, err := filepath.Abs("../../scripts/irc.sh")
	check(t, err)
	tests := []struct {
		name            string
		beside, inPath  bool
		override        string // "" or "ok" (a real file) or "missing"
		want, wantError string
	}{
		{name: "override", beside: true, inPath: true, override: "ok", want: "/override/otr-irc-bridge h 1 alice bob"},
		{name: "beside otr", beside: true, inPath: true, want: "/otrdir/otr-irc-bridge h 1 alice bob"},
		{name: "on the PATH", inPath: true, want: "/path/otr-irc-bridge h 1 alice bob"},
		{name: "nowhere", wantError: "irc: hint: build it where otr is: go build -o DIR/ ./cmd/otr ./cmd/otr-irc-bridge"},
		{name: "bad override", beside: true, override: "missing", wantError: "irc: error: OTR_IRC_BRIDGE="},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			logFile := filepath.Join(dir, "log")
			fakeTool(t, filepath.Join(dir, "otrdir", "otr"), logFile)
			if tc.beside {
				fakeTool(t, filepath.Join(dir, "otrdir", "otr-irc-bridge"), logFile)
			}
			if tc.inPath {
				fakeTool(t, filepath.Join(dir, "path", "otr-irc-bridge"), logFile)
			}
			env := []string{"PATH=" + filepath.Join(dir, "path") + ":/usr/bin:/bin", "HOME=" + dir,
				"OTR=" + filepath.Join(dir, "otrdir", "otr"), "OTR_STATE=" + dir}
			switch tc.override {
			case "ok":
				fakeTool(t, filepath.Join(dir, "override", "otr-irc-bridge"), logFile)
				env = append(env, "OTR_IRC_BRIDGE="+filepath.Join(dir, "override", "otr-irc-bridge"))
			case "missing":
				env = append(env, "OTR_IRC_BRIDGE="+filepath.Join(dir, "override", "otr-irc-bridge"))
			}
			cmd := exec.Command("bash", script, "h", "1", "alice", "bob")
			cmd.Env = env
			out, err := cmd.CombinedOutput()
			logged, _ := os.ReadFile(logFile)
			if tc.wantError != "" {
				if err == nil || !strings.Contains(string(out), tc.wantError) || strings.Contains(string(logged), "otr-irc-bridge") {
					t.Errorf("err %v, output %q, ran %q; want a failure saying %q and no bridge run", err, out, logged, tc.wantError)
				}
				return
			}
			if err != nil || !strings.Contains(string(logged), dir+tc.want) {
				t.Errorf("err %v, output %q, ran %q; want %q run", err, out, logged, dir+tc.want)
			}
			for _, other := range []string{"/override/", "/otrdir/", "/path/"} {
				if !strings.HasPrefix(tc.want, other) && strings.Contains(string(logged), other+"otr-irc-bridge") {
					t.Errorf("ran %q; only %q should run", logged, tc.want)
				}
			}
		})
	}
}
