package otr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// frag formats a fragment from the peer to the victim in the fixture's version.
func (f *fixture) frag(k, n int, piece string) string {
	return f.fragTo(victimTag, k, n, piece)
}

func (f *fixture) fragTo(receiver uint32, k, n int, piece string) string {
	if f.version == 3 {
		return fmt.Sprintf("?OTR|%08x|%08x,%05d,%05d,%s,", peerTag, receiver, k, n, piece)
	}
	return fmt.Sprintf("?OTR,%05d,%05d,%s,", k, n, piece)
}

// TestHostileFragmentHeaders: illegal fragments are refused and leave the
// reassembly state alone, in every state.
func TestHostileFragmentHeaders(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		for _, bad := range []string{
			f.frag(3, 2, "abc"),                          // k > n
			f.frag(0, 2, "abc"),                          // k = 0
			f.frag(1, 0, "abc"),                          // n = 0
			f.frag(0, 0, "abc"),                          // both 0
			f.frag(1, 65536, "abc"),                      // n beyond a SHORT
			f.frag(65536, 65536, "abc"),                  // k beyond a SHORT
			f.frag(1, 2, ""),                             // empty piece
			strings.TrimSuffix(f.frag(1, 2, "abc"), ","), // no closing comma
			strings.Replace(f.frag(1, 2, "abc"), ",00001,", ",-1,", 1),
			strings.Replace(f.frag(1, 2, "abc"), ",00002,", ",2x,", 1),
		} {
			deliver(t, f.victim, bad).rejected(t, ErrFragment)
		}
	})
}

// TestHostileFragmentTags: v3 fragments from a reserved sender tag are
// errors; fragments for another instance are ignored.
func TestHostileFragmentTags(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		if f.version != 3 {
			return
		}
		deliver(t, f.victim, "?OTR|000000ff|00005678,00001,00002,abc,").rejected(t, ErrMalformed)
		deliver(t, f.victim, "?OTR|00000000|00005678,00001,00002,abc,").rejected(t, ErrMalformed)
		deliver(t, f.victim, f.fragTo(0x9999, 1, 2, "abc")).ignored(t)
		deliver(t, f.victim, f.fragTo(0xff, 1, 2, "abc")).ignored(t)
	})
}

// TestHostileFragmentSequences: out-of-sequence pieces and inconsistent
// totals forget the stored fragment (the spec's rule), n = 65535 is legal
// and a non-fragment line clears the buffer.
func TestHostileFragmentSequences(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		for _, tc := range []struct {
			name  string
			lines []string
			want  FragmentState
		}{
			{"n=65535", []string{f.frag(1, 65535, "abc")}, FragmentState{K: 1, N: 65535, Buffer: "abc"}},
			{"k=n=65535 alone", []string{f.frag(65535, 65535, "abc")}, FragmentState{}},
			{"inconsistent n", []string{f.frag(1, 3, "abc"), f.frag(2, 4, "def")}, FragmentState{}},
			{"skipped piece", []string{f.frag(1, 3, "abc"), f.frag(3, 3, "ghi")}, FragmentState{}},
			{"repeated piece", []string{f.frag(1, 3, "abc"), f.frag(2, 3, "d"), f.frag(2, 3, "d")}, FragmentState{}},
			{"restart", []string{f.frag(1, 3, "abc"), f.frag(2, 3, "d"), f.frag(1, 2, "x")}, FragmentState{K: 1, N: 2, Buffer: "x"}},
			{"then plaintext", []string{f.frag(1, 3, "abc"), "hello"}, FragmentState{}},
		} {
			g := f.clone(t)
			for _, l := range tc.lines {
				res, err := g.victim.Receive(l)
				if err != nil || hasKind(res, EventError) {
					t.Fatalf("%s: %q: %v %v", tc.name, l, err, res.Events)
				}
			}
			if got := g.victim.State.Fragments; got != tc.want {
				t.Fatalf("%s: fragments %+v, want %+v", tc.name, got, tc.want)
			}
		}
	})
}

// TestHostileFragmentContents: pieces that reassemble into a fragment or a
// broken encoded message are refused and leave no buffer. (Plaintext, a
// query or an OTR error reassembled are handled whole: fragment_whole_test.go.)
func TestHostileFragmentContents(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		trunc := foreign(t, f.version).data
		trunc = trunc[:len(trunc)-9] + "."
		for _, tc := range []struct {
			pieces []string
			want   error
		}{
			{[]string{"?OTR", "|00001234|00005678"}, ErrFragment}, // pieces hold no comma
			{[]string{trunc[:30], trunc[30:]}, ErrMalformed},
		} {
			g := f.clone(t)
			for i, p := range tc.pieces[:len(tc.pieces)-1] {
				if _, err := g.victim.Receive(g.frag(i+1, len(tc.pieces), p)); err != nil {
					t.Fatal(err)
				}
			}
			before := marshalState(t, f.victim.State)
			d := deliver(t, g.victim, g.frag(len(tc.pieces), len(tc.pieces), tc.pieces[len(tc.pieces)-1]))
			d.before = before // the buffer is gone; all else as before the first piece
			d.rejected(t, tc.want)
		}
	})
}

// TestHostileFragmentHuge: a piece beyond the size bound is refused and
// the buffer reset, in every state.
func TestHostileFragmentHuge(t *testing.T) {
	huge := strings.Repeat("A", wire.MaxMessageSize+1)
	forEachState(t, func(t *testing.T, f *fixture) {
		deliver(t, f.victim, f.frag(1, 2, huge)).rejected(t, ErrFragment)
		if _, err := f.victim.Receive(f.frag(1, 3, "abc")); err != nil {
			t.Fatal(err)
		}
		before := marshalState(t, f.victim.State)
		res, err := f.victim.Receive(f.frag(2, 3, huge))
		if err == nil || !hasKind(res, EventError) || f.victim.State.Fragments != (FragmentState{}) {
			t.Fatalf("huge second piece: %v, fragments %d bytes", err, len(f.victim.State.Fragments.Buffer))
		}
		if marshalState(t, f.victim.State) == before {
			t.Fatal("the stored fragment survived a refused huge piece")
		}
	})
}

// TestHostileFragmentFlood: a flood of in-sequence pieces never grows the
// buffer past wire.MaxMessageSize; the piece that would is refused.
func TestHostileFragmentFlood(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "encrypted")
		piece := strings.Repeat("B", 50000)
		refused := 0
		for k := 1; k <= 200; k++ {
			_, err := f.victim.Receive(f.frag(k, 65535, piece))
			if err != nil {
				refused++
			}
			if n := len(f.victim.State.Fragments.Buffer); n > wire.MaxMessageSize {
				t.Fatalf("v%d: buffer grew to %d after %d pieces", v, n, k)
			}
		}
		if refused == 0 {
			t.Fatalf("v%d: 10 MB of pieces all accepted", v)
		}
		if f.victim.State.MsgState != MsgEncrypted {
			t.Fatal("the flood changed the session")
		}
	}
}

// TestHostileFragmentedHonest: the honest next message, fragmented, has
// the same effect as unfragmented in every state (a positive control for
// the checks above, and the D-H Commit's receiver tag 0 in fragments).
func TestHostileFragmentedHonest(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		if f.next == "" {
			return
		}
		whole := f.clone(t)
		res, err := whole.victim.Receive(f.next)
		if err != nil {
			t.Fatal(err)
		}
		receiver := uint32(victimTag)
		if decodeLine(t, f.next).Hdr().Type == wire.TypeDHCommit {
			receiver = 0
		}
		lines, err := wire.Fragmentize(f.next, f.version, peerTag, receiver, 60)
		if err != nil || len(lines) < 3 {
			t.Fatalf("fragmenting: %v (%d lines)", err, len(lines))
		}
		var last Result
		for _, l := range lines {
			if last, err = f.victim.Receive(l); err != nil {
				t.Fatalf("fragment %.40q: %v", l, err)
			}
		}
		if stateName(f.victim.State) != stateName(whole.victim.State) || len(last.Messages) != len(res.Messages) {
			t.Fatalf("fragmented: state %s, %d replies; whole: %s, %d replies",
				stateName(f.victim.State), len(last.Messages), stateName(whole.victim.State), len(res.Messages))
		}
	})
}

func hasKind(res Result, kind EventKind) bool {
	for _, e := range res.Events {
		if e.Kind == kind {
			return true
		}
	}
	return false
}
