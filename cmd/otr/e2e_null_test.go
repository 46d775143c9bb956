package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

func libMessages(out libotrpeer.Output) []string {
	var texts []string
	for _, e := range out.Events {
		if e.Kind == "message" {
			texts = append(texts, e.Text)
		}
	}
	return texts
}

// TestSendNullToLibotr: with --null, each NUL-separated record is one
// message, its line breaks kept: libotr receives each whole and intact
// (a final NUL is optional), also in fragments.
func TestSendNullToLibotr(t *testing.T) {
	multi := "first line\nsecond line\n\n  fourth, indented\r\nfifth\t✓"
	for _, frag := range []string{"", "150"} {
		s := newWithLibotr(t, libotrpeer.Options{})
		s.ourFrag = frag
		s.handshake(true, 3)
		for _, tc := range []struct {
			stdin string
			want  []string
		}{
			{multi + "\x00second message\x00", []string{multi, "second message"}},
			{"no final NUL\nat all", []string{"no final NUL\nat all"}},
			{"\n\x00", []string{"\n"}},
		} {
			r, tr := s.ours(tc.stdin, "send", "--peer", s.us.peer, "--null")
			if got := libMessages(tr.lib); !slices.Equal(got, tc.want) {
				t.Fatalf("frag %q: libotr got %q, want %q", frag, got, tc.want)
			}
			for _, e := range tr.lib.Events {
				if e.Kind == "message" && !e.Encrypted {
					t.Fatalf("libotr got an unencrypted message: %+v", e)
				}
			}
			if strings.Contains(r.stdout, "line\n") || strings.Contains(r.stdout, "first line") {
				t.Fatalf("plaintext on the wire: %.80q", r.stdout)
			}
		}
		// Without --null the same input is one message per line.
		_, tr := s.ours("a\nb\n", "send", "--peer", s.us.peer)
		if got := libMessages(tr.lib); !slices.Equal(got, []string{"a", "b"}) {
			t.Fatalf("without --null libotr got %q", got)
		}
	}
}

// TestLibotrMultilineToUs: a multi-line message from libotr is shown as one
// message, intact in JSON and on one escaped line in text mode.
func TestLibotrMultilineToUs(t *testing.T) {
	multi := "first line\nsecond line\n\x1b[2Jthird\r\nend"
	s := newWithLibotr(t, libotrpeer.Options{FragmentSize: smallFrag})
	s.ourFrag = "150"
	s.handshake(true, 3)
	out := s.lib.Send(multi)
	tr := s.theirs(out)
	if got := tr.ourTexts(); len(got) != 1 || got[0] != multi {
		t.Fatalf("we showed %q, want one message %q", got, multi)
	}

	out = s.lib.Send(multi)
	r := runOTR(t, strings.Join(out.Wire, "\n")+"\n", nil, "--state", s.us.dir, "recv", "--peer", s.us.peer)
	want := s.us.peer + `: first line\nsecond line\n\u{1b}[2Jthird\r\nend`
	if r.code != 0 || r.stderr != want+"\n" {
		t.Fatalf("text display %q (exit %d), want the one line %q", r.stderr, r.code, want)
	}
}

// TestSendNullPlaintext: without a private conversation a message with line
// breaks is refused (in plaintext it would arrive as several lines): exit
// 1, a hint, nothing on stdout, nothing saved; one without goes out.
func TestSendNullPlaintext(t *testing.T) {
	alice, _ := pair(t)
	alice.must("", "query", "--peer", alice.peer) // send never begins a peer
	before := readFile(t, alice.peerFile())
	r := alice.otr("two\nlines\x00", "send", "--peer", alice.peer, "--null")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "line breaks") || !strings.Contains(r.stderr, "otr: hint: ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if data := readFile(t, alice.peerFile()); string(data) != string(before) {
		t.Fatal("the refused message was saved")
	}
	r = alice.must("one line\x00", "send", "--peer", alice.peer, "-0")
	if !strings.HasPrefix(r.stdout, "one line") || strings.Count(r.stdout, "\n") != 1 {
		t.Fatalf("plaintext -0 sent %q", r.stdout)
	}
}
