package main

import (
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// libotr fragments whatever it sends when the network's limit is small,
// its query message and whitespace-tagged plaintext included: handled
// whole, as libotr does, they start the AKE.

// smallFrag is a max message size a little above the smallest that fits an
// OTR fragment's header and a useful piece.
const smallFrag = 150

// checkLineSizes fails if a wire line is longer than max.
func checkLineSizes(t *testing.T, who string, lines []string, max int) {
	t.Helper()
	for _, l := range lines {
		if len(l) > max {
			t.Fatalf("%s sent a %d-character line, over %d: %.60q", who, len(l), max, l)
		}
	}
}

// TestLibotrFragmentedQuery: libotr's query, or its whitespace-tagged
// plaintext, cut into fragments of at most 150 characters (its query
// holds line breaks, so a line transport breaks its fragments too), starts
// the AKE with us; the tagged plaintext is shown whole.
func TestLibotrFragmentedQuery(t *testing.T) {
	for _, tc := range []struct {
		name, policy, text string
		shown              bool // the text is shown (as tagged plaintext)
	}{
		{"query", "v2,v3,require", "held back until private", false},
		{"whitespace tag", "v2,v3,whitespace", strings.Repeat("tagged plaintext ", 12), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newWithLibotr(t, libotrpeer.Options{Policy: tc.policy, FragmentSize: smallFrag})
			s.ourFrag = "150"
			out := s.lib.Send(tc.text)
			if len(out.Wire) < 2 || !strings.Contains(out.Wire[0], "?OTR") {
				t.Fatalf("libotr sent %q, want its %s in fragments", out.Wire, tc.name)
			}
			checkLineSizes(t, "libotr", out.Wire, smallFrag)
			tr := s.theirs(out)
			if tr.our("secure") == nil || !tr.lib.Has("gone_secure") {
				t.Fatalf("the fragmented %s started no AKE: we saw %v, libotr %v", tc.name, tr.ourKinds(), tr.lib.Kinds())
			}
			if msgs := tr.ourTexts(); tc.shown && (len(msgs) != 1 || msgs[0] != tc.text) {
				t.Fatalf("we showed %q, want %q", msgs, tc.text)
			}
			s.weSay("after a fragmented " + tc.name)
			s.theySay("and back")
		})
	}
}

// TestLibotrSmallFragments: a whole AKE, messages and SMP with every line
// of both sides at most 150 characters, either side starting.
func TestLibotrSmallFragments(t *testing.T) {
	long := strings.Repeat("ünïcødé 名前 fragment ", 40)
	for _, weStart := range []bool{true, false} {
		s := newWithLibotr(t, libotrpeer.Options{FragmentSize: smallFrag})
		s.ourFrag = "150"
		s.handshake(weStart, 3)
		for _, text := range []string{"short", long} {
			r, _ := s.ours(text+"\n", "send", "--peer", s.us.peer)
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			checkLineSizes(t, "we", lines, smallFrag)
			if len(text) > 300 && len(lines) < 3 {
				t.Fatalf("%d bytes sent in %d lines", len(text), len(lines))
			}
			s.theySay(text + " back")
		}
		all := s.weStartSMP("secret", "secret", "")
		if all.our("smp_succeeded") == nil || !all.lib.Has("smp_success") {
			t.Fatalf("SMP in small fragments: we saw %v, libotr %v", all.ourKinds(), all.lib.Kinds())
		}
	}
}
