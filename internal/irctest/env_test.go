package irctest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// otrBin is the otr command built for this test run (TestMain), with
// otr-irc-bridge beside it (bridgeBeside), where scripts/irc.sh looks.
var otrBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "irctest-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	otrBin = filepath.Join(dir, "otr")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	buildOnce sync.Once
	buildErr  error
)

// buildOTR builds cmd/otr and cmd/otr-irc-bridge once (only when a test gets this far).
func buildOTR(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() { buildErr = build() })
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return otrBin
}

func build() error {
	args := []string{"build", "-o", filepath.Dir(otrBin) + string(filepath.Separator)}
	if raceBuild {
		args = append(args, "-race")
	}
	args = append(args, "github.com/otrtool/otr/cmd/otr", "github.com/otrtool/otr/cmd/otr-irc-bridge")
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("building otr and otr-irc-bridge: %v\n%s", err, out)
	}
	return nil
}

// bridgeBeside is the otr-irc-bridge built next to the otr binary otr.
func bridgeBeside(otr string) string { return filepath.Join(filepath.Dir(otr), "otr-irc-bridge") }

// otrModuleGlobs are where Debian's irssi-plugin-otr (or irssi itself)
// puts the OTR module.
var otrModuleGlobs = []string{
	"/usr/lib/*/irssi/modules/libotr_core.so",
	"/usr/lib/irssi/modules/libotr_core.so",
	"/usr/local/lib/irssi/modules/libotr_core.so",
}

// missingTools names what the test needs and this machine lacks.
func missingTools() []string {
	var missing []string
	for _, tool := range []string{"ngircd", "irssi", "tmux"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	found := false
	for _, g := range otrModuleGlobs {
		if m, _ := filepath.Glob(g); len(m) > 0 {
			found = true
		}
	}
	if !found {
		missing = append(missing, "irssi's OTR module (irssi-plugin-otr)")
	}
	return missing
}

// needTools skips the test when a tool is missing, or fails it under
// OTR_REQUIRE_IRSSI=1.
func needTools(t *testing.T) {
	t.Helper()
	msg, fatal := toolsVerdict(missingTools(), os.Getenv("OTR_REQUIRE_IRSSI"))
	switch {
	case fatal:
		t.Fatal(msg)
	case msg != "":
		t.Skip(msg)
	}
}

// toolsVerdict says what to do about missing tools: nothing (""), skip,
// or fail (fatal) when require is "1".
func toolsVerdict(missing []string, require string) (msg string, fatal bool) {
	if len(missing) == 0 {
		return "", false
	}
	msg = "irctest: needs " + strings.Join(missing, ", ") + " (Debian: apt-get install ngircd irssi irssi-plugin-otr tmux)"
	if require == "1" {
		return msg + "; required by OTR_REQUIRE_IRSSI=1", true
	}
	return msg, false
}

// freePort finds a loopback port nobody listens on.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// poll calls cond until it holds or the timeout passes.
func poll(timeout time.Duration, cond func() bool) bool {
	for end := time.Now().Add(timeout); ; time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}
