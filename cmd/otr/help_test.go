package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// "otr help smp start" showed smp's page before; now each level's own.
func TestHelpNamesTheInnermostCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"help", "smp", "start"}, "otr smp start - start SMP"},
		{[]string{"smp", "help", "start"}, "otr smp start - start SMP"},
		{[]string{"--state", "/nonexistent", "help", "trust", "verify"}, "otr trust verify - mark"},
		{[]string{"help", "forge", "remac"}, "otr forge remac"},
		{[]string{"help", "send"}, "otr send - encrypt"},
		{[]string{"help"}, "otr - Off-the-Record"},
	} {
		r := runOTR(t, "", nil, c.args...)
		if r.code != 0 || !strings.Contains(r.stdout, c.want) {
			t.Errorf("otr %q: exit %d, stdout %q; want %q", c.args, r.code, firstLines(r.stdout), c.want)
		}
	}
	r := runOTR(t, "", nil, "help", "smp")
	for _, sub := range []string{"start ", "answer ", "abort "} {
		if !strings.Contains(r.stdout, "\n   "+sub) {
			t.Errorf("otr help smp does not list %q: %q", sub, r.stdout)
		}
	}
}

// A command that only groups others is a usage error when bare; mistyped
// commands and options get a did-you-mean.
func TestDidYouMeanAndBareGroups(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"sedn"}, "otr: hint: did you mean otr send?\n"},
		{[]string{"stauts"}, "otr: hint: did you mean otr status?\n"},
		{[]string{"smp"}, "otr: error: otr smp needs a command: start, answer or abort\n"},
		{[]string{"smp", "strat"}, "otr: hint: did you mean otr smp start?\n"},
		{[]string{"forge"}, "needs a command: sesskeys"},
		{[]string{"help", "smp", "strat"}, "otr: hint: did you mean otr smp start?\n"},
		{[]string{"--state", dir, "send", "--pear", "bob"}, "otr: error: otr send: unknown option --pear\notr: hint: did you mean --peer?\n"},
		{[]string{"--stat", dir, "status"}, "otr: hint: did you mean --state?\n"},
		{[]string{"--state", dir, "smp", "start", "--qestion", "q"}, "otr: hint: did you mean --question?\n"},
		{[]string{"--state", dir, "trust", "--peer", "bob", "verfy"}, "otr: hint: did you mean otr trust verify?\n"},
	} {
		r := runOTR(t, "", nil, c.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("otr %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, r.code, r.stdout, r.stderr, c.want)
		}
	}
}

func firstLines(s string) string {
	lines := strings.SplitN(s, "\n", 4)
	return strings.Join(lines[:min(3, len(lines))], "\n")
}

// Less noise in help: the global options are listed once (otr --help),
// booleans without "(default: false)".
func TestHelpListsGlobalOptionsOnce(t *testing.T) {
	r := runOTR(t, "", nil, "help", "smp", "start")
	if strings.Contains(r.stdout, "--fragment-size N") || !strings.Contains(r.stdout, "--secret-file FILE") || !strings.Contains(r.stdout, "see otr --help") {
		t.Errorf("otr help smp start:\n%s", r.stdout)
	}
	r = runOTR(t, "", nil, "--help")
	if strings.Count(r.stdout, "   --fragment-size N ") != 1 || strings.Contains(r.stdout, "(default: false)") {
		t.Errorf("otr --help:\n%s", r.stdout)
	}
	// Hidden from the page, the copies still work after the command.
	dir := filepath.Join(t.TempDir(), "s")
	if r := runOTR(t, "", nil, "keygen", "--state", dir, "--json"); r.code != 0 {
		t.Errorf("keygen --state DIR --json: exit %d, %s", r.code, r.stderr)
	}
}

// The SMP help said that success marks the peer verified, which is not
// true for the side that answered a question: help and man page say so.
func TestSMPHelpStatesTheQuestionRule(t *testing.T) {
	r := runOTR(t, "", nil, "help", "smp")
	text := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range []string{"on both sides when no question was asked", "only the side that asked marks the peer"} {
		if !strings.Contains(text, want) {
			t.Errorf("otr help smp does not say %q:\n%s", want, r.stdout)
		}
	}
}
