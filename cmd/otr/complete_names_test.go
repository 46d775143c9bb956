package main

import (
	"testing"
)

// A saved peer whose name holds a control character is not offered: one
// candidate per line would split it, and an escape sequence would reach
// the terminal listing the candidates.
func TestCompletionSkipsPeerNamesWithControls(t *testing.T) {
	dir := completionState(t)
	mustRun(t, "", "--state", dir, "query", "--peer", "bob\nevil")
	mustRun(t, "", "--state", dir, "query", "--peer", "bo\x1b[31m")
	t.Setenv("OTR_STATE", dir)
	stdout, stderr, code := runInProcess("", "__complete", "send", "--peer", "")
	if code != 0 || stdout != "bob\nbobby\n" || stderr != "" {
		t.Errorf("complete send --peer '' = %q (exit %d, %q), want %q", stdout, code, stderr, "bob\nbobby\n")
	}
}
