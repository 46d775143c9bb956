package irctest

import (
	"strings"
	"testing"
)

// TestMissingToolsFailWhenRequired: with no ngircd, irssi or tmux on the
// PATH the test is skipped, and fails under OTR_REQUIRE_IRSSI=1.
func TestMissingToolsFailWhenRequired(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	missing := missingTools()
	for _, tool := range []string{"ngircd", "irssi", "tmux"} {
		if !strings.Contains(strings.Join(missing, " "), tool) {
			t.Errorf("missingTools() = %q with an empty PATH, want %s in it", missing, tool)
		}
	}
	if msg, fatal := toolsVerdict(missing, ""); fatal || !strings.Contains(msg, "needs ngircd") {
		t.Errorf("without OTR_REQUIRE_IRSSI: %q fatal=%v, want a skip naming ngircd", msg, fatal)
	}
	if msg, fatal := toolsVerdict(missing, "1"); !fatal || !strings.Contains(msg, "OTR_REQUIRE_IRSSI=1") {
		t.Errorf("with OTR_REQUIRE_IRSSI=1: %q fatal=%v, want a failure", msg, fatal)
	}
	if msg, fatal := toolsVerdict(nil, "1"); msg != "" || fatal {
		t.Errorf("nothing missing: %q fatal=%v", msg, fatal)
	}
}
