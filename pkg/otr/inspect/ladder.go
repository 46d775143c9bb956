package inspect

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ladderWidth is the number of columns between the two lifelines.
const ladderWidth = 64

// SplitSpeaker splits a transcript line "name: wire line" into the
// sender's name and the line. Names are one word.
func SplitSpeaker(line string) (who, rest string, ok bool) {
	who, rest, ok = strings.Cut(line, ": ")
	if !ok || who == "" || len(who) > 64 || strings.ContainsAny(who, " \t") {
		return "", line, false
	}
	return who, rest, true
}

// Ladder draws a two-party transcript (lines "alice: ?OTR..." and
// "bob: ...") as a ladder diagram: one arrow per line, from its sender,
// labelled with the AKE or SMP step (see Label). Each party's fragments
// are reassembled apart; keys, if given, decrypt data messages. Lines
// with no sender, or from a third party, are listed as skipped.
func Ladder(lines []string, keys *Keyring) string {
	parties := speakers(lines)
	parsers := map[string]*Parser{}
	var b strings.Builder
	shown := [2]string{printable(parties[0]), printable(parties[1])}
	b.WriteString(ladderHeader(shown))
	for i, line := range lines {
		who, rest, ok := SplitSpeaker(line)
		if !ok || (who != parties[0] && who != parties[1]) {
			if strings.TrimSpace(line) != "" {
				fmt.Fprintf(&b, "   (line %d skipped: not \"%s: ...\" or \"%s: ...\")\n", i+1, shown[0], shown[1])
			}
			continue
		}
		p := parsers[who]
		if p == nil {
			p = &Parser{Keys: keys}
			parsers[who] = p
		}
		b.WriteString(arrow(Label(p.Parse(rest)), who == parties[0]))
	}
	return b.String()
}

// speakers are the first two names in the transcript (placeholders if
// fewer).
func speakers(lines []string) [2]string {
	parties := [2]string{"", ""}
	n := 0
	for _, l := range lines {
		if who, _, ok := SplitSpeaker(l); ok && n < 2 && who != parties[0] {
			parties[n] = who
			n++
		}
	}
	for i, def := range []string{"A", "B"} {
		if parties[i] == "" {
			parties[i] = def
		}
	}
	return parties
}

func ladderHeader(p [2]string) string {
	gap := max(ladderWidth+2-utf8.RuneCountInString(p[0])/2-utf8.RuneCountInString(p[1])/2, 1)
	left := max(3-utf8.RuneCountInString(p[0])/2, 0)
	return strings.Repeat(" ", left) + p[0] + strings.Repeat(" ", gap) + p[1] + "\n" +
		"   |" + strings.Repeat(" ", ladderWidth) + "|\n"
}

// arrow is one line: |-- label ---->| or |<--- label --|.
func arrow(label string, rightward bool) string {
	label = truncate(label, ladderWidth-8)
	fill := strings.Repeat("-", ladderWidth-6-utf8.RuneCountInString(label))
	if rightward {
		return "   |-- " + label + " " + fill + "->|\n"
	}
	return "   |<-" + fill + " " + label + " --|\n"
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
