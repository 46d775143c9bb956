package main

import (
	"strings"
	"testing"
)

// The man page is written for people: every command with its synopsis,
// the global options once, and the sections a man page has.
func TestManPageForPeople(t *testing.T) {
	page, _, code := runInProcess("", "man")
	if code != 0 {
		t.Fatal("otr man failed")
	}
	for _, section := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"} {
		if !strings.Contains(page, "\n.SH "+section+"\n") {
			t.Errorf("no %s section", section)
		}
	}
	for _, cmd := range []string{"keygen", "send", "recv", "smp start", "smp answer", "trust verify", "completion", "forge remac"} {
		if !strings.Contains(page, "\n.SS otr "+roffEscape(cmd)+"\n") {
			t.Errorf("no subsection for otr %s", cmd)
		}
	}
	for _, global := range []string{"state", "json", "display", "fragment\\-size"} {
		if n := strings.Count(page, `.TP`+"\n"+`\fB\-\-`+global+`\fR`); n != 1 {
			t.Errorf("--%s is documented %d times, want once", global, n)
		}
	}
	for _, want := range []string{"OTR_STATE", "XDG_DATA_HOME", "peers/NAME.toml", `\fB\-\-dsa\-p\fR`, `\fB\-\-peer\fR \fINAME\fR, \fB\-p\fR`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not mention %q", want)
		}
	}
	if strings.Contains(page, "Incorrect Usage") || strings.Contains(page, ".SS otr man") || strings.Contains(page, "otr help\n") {
		t.Error("the page documents internals")
	}
}

func TestRoffEscape(t *testing.T) {
	for in, want := range map[string]string{`a\b`: `a\eb`, ".x": `\&.x`, "'q": `\&'q`, "--peer": `\-\-peer`} {
		if got := roffEscape(in); got != want {
			t.Errorf("roffEscape(%q) = %q, want %q", in, got, want)
		}
	}
}
