package inspect

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLadder(t *testing.T) {
	s, _, _ := run(t, 150)
	lines := []string{"# captured from a client log"}
	for _, l := range s.lines {
		lines = append(lines, l.from+": "+l.line)
	}
	out := Ladder(lines, s.history)
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.Contains(rows[0], "alice") || !strings.Contains(rows[0], "bob") {
		t.Errorf("header %q", rows[0])
	}
	want := []string{
		"|-- Query v2, v3 ", "|<-", "AKE 1/4 D-H Commit --|", "fragment 1/", "AKE 2/4 D-H Key",
		"AKE 3/4 Reveal Signature --|", "AKE 4/4 Signature", `"hello bob"`, "SMP 1/4", "SMP 2/4",
		"SMP 3/4", "SMP 4/4", "extra key use 7", "disconnect", "line 1 skipped",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("ladder lacks %q:\n%s", w, out)
		}
	}
	for _, r := range rows[1:] {
		if strings.HasPrefix(r, "   |") && utf8.RuneCountInString(r) != ladderWidth+5 {
			t.Errorf("ragged row (%d): %q", utf8.RuneCountInString(r), r)
		}
	}
	if testing.Verbose() {
		t.Log("\n" + out)
	}
}
