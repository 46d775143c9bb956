package otr

import (
	"errors"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// libotrQuery is the query libotr 4.1.1 sends, which it fragments like any
// message when the network's limit is small (its comma after "However" is
// left out here: Fragmentize refuses commas; libotr does not, and the piece
// holding it arrives cut short, as libotr's own parser would cut it).
const libotrQuery = "?OTRv23?\n<b>alice@example</b> has requested an <a href=\"https://otr.cypherpunks.ca/\">Off-the-Record private conversation</a>.  However you do not have a plugin to support that.\nSee <a href=\"https://otr.cypherpunks.ca/\">https://otr.cypherpunks.ca/</a> for more information."

// fragmentsOf cuts msg into fragments from the fixture's peer to the victim.
func (f *fixture) fragmentsOf(t *testing.T, msg string, size int) []string {
	t.Helper()
	lines, err := wire.Fragmentize(msg, f.version, peerTag, victimTag, size)
	if err != nil || len(lines) < 2 {
		t.Fatalf("fragmenting: %v (%d lines)", err, len(lines))
	}
	return lines
}

// receiveAll delivers lines; every one but the last must be quiet.
func receiveAll(t *testing.T, c *Conversation, lines []string) (Result, error) {
	t.Helper()
	for _, l := range lines[:len(lines)-1] {
		res, err := c.Receive(l)
		if err != nil || len(res.Events)+len(res.Messages) > 0 {
			t.Fatalf("piece %.40q: %v %v", l, err, res.Events)
		}
	}
	return c.Receive(lines[len(lines)-1])
}

// TestReassembledQueryStartsAKE: libotr's fragmented query message starts
// the AKE as the whole query would (it was refused as "not an encoded OTR
// message", so the AKE never started).
func TestReassembledQueryStartsAKE(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "plaintext")
		res, err := receiveAll(t, f.victim, f.fragmentsOf(t, libotrQuery, 100))
		if err != nil || len(res.Messages) != 1 || f.victimState() != "awaiting_dhkey" {
			t.Fatalf("v%d: %v, replies %q, state %s; want a D-H Commit", v, err, res.Messages, f.victimState())
		}
		if m := decodeLine(t, res.Messages[0]); m.Hdr().Type != wire.TypeDHCommit || int(m.Hdr().Version) != 3 {
			t.Fatalf("v%d: replied with type %#x version %d, want a v3 D-H Commit", v, m.Hdr().Type, m.Hdr().Version)
		}
	}
}

// TestReassembledPlaintextAndError: fragmented plaintext is shown whole
// (with the unencrypted warning when a session is up); a fragmented OTR
// error is reported as one.
func TestReassembledPlaintextAndError(t *testing.T) {
	text := strings.Repeat("plain words; ", 20)
	for _, v := range hostileVersions {
		f := getFixture(t, v, "encrypted")
		res, err := receiveAll(t, f.victim, f.fragmentsOf(t, text, 80))
		if err != nil || len(res.Events) < 2 || res.Events[0].Kind != EventMessage || res.Events[0].Text != text ||
			!hasKind(res, EventWarning) {
			t.Fatalf("v%d plaintext: %v %v", v, err, res.Events)
		}
		res, err = receiveAll(t, f.victim, f.fragmentsOf(t, "?OTR Error: "+text, 80))
		if err != nil || len(res.Events) == 0 || res.Events[0].Kind != EventError || !strings.HasSuffix(res.Events[0].Text, text) {
			t.Fatalf("v%d error: %v %v", v, err, res.Events)
		}
		if f.victimState() != "encrypted" {
			t.Fatalf("v%d: state %s after plaintext and an error", v, f.victimState())
		}
	}
}

// countingBuffer is a FragmentBuffer outside State that counts what it stores.
type countingBuffer struct {
	k, n     uint16
	data     string
	appended int
}

func (b *countingBuffer) Progress() (uint16, uint16, int, error) { return b.k, b.n, len(b.data), nil }
func (b *countingBuffer) Contents() (string, error)              { return b.data, nil }
func (b *countingBuffer) Reset() error                           { *b = countingBuffer{appended: b.appended}; return nil }
func (b *countingBuffer) Append(k, n uint16, piece string) error {
	b.k, b.n, b.data, b.appended = k, n, b.data+piece, b.appended+len(piece)
	return nil
}

// TestAddFragmentOutsideState: with the buffer outside State, pieces never
// touch State, each piece is stored once (linear cost), and the whole
// message has the effect Receive gives it.
func TestAddFragmentOutsideState(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		if f.next == "" {
			return
		}
		whole := f.clone(t)
		want, err := whole.victim.Receive(f.next)
		if err != nil {
			t.Fatal(err)
		}
		receiver := uint32(victimTag)
		if decodeLine(t, f.next).Hdr().Type == wire.TypeDHCommit {
			receiver = 0
		}
		lines, _ := wire.Fragmentize(f.next, f.version, peerTag, receiver, 60)
		before := marshalState(t, f.victim.State)
		buf := &countingBuffer{}
		var msg string
		for i, l := range lines {
			m, complete, res, err := f.victim.AddFragment(l, buf)
			if err != nil || len(res.Events) > 0 || complete != (i == len(lines)-1) {
				t.Fatalf("piece %d of %d: complete %v, %v %v", i+1, len(lines), complete, err, res.Events)
			}
			msg = m
		}
		if marshalState(t, f.victim.State) != before {
			t.Fatal("AddFragment changed State")
		}
		// The pieces before the last stay until the caller resets buf.
		if msg != f.next || buf.data == "" || !strings.HasPrefix(f.next, buf.data) || buf.appended >= len(f.next) {
			t.Fatalf("reassembled %d chars (want %d), %d kept, %d stored", len(msg), len(f.next), len(buf.data), buf.appended)
		}
		got, err := f.victim.ReceiveReassembled(msg)
		if err != nil || stateName(f.victim.State) != stateName(whole.victim.State) || len(got.Messages) != len(want.Messages) {
			t.Fatalf("ReceiveReassembled: %v, state %s (want %s)", err, stateName(f.victim.State), stateName(whole.victim.State))
		}
	})
}

// TestAddFragmentLimits: the hostile-fragment rules hold with an outside
// buffer: a piece beyond MaxReassembled is refused and forgets the stored
// fragment; out-of-sequence pieces forget it; a non-fragment comes back
// whole and resets it; a fragment inside a fragment is refused.
func TestAddFragmentLimits(t *testing.T) {
	f := getFixture(t, 3, "encrypted")
	c, buf := f.victim, &countingBuffer{}
	add := func(line string) (string, bool, Result, error) { return c.AddFragment(line, buf) }
	if _, _, _, err := add(f.frag(1, 3, "abc")); err != nil || buf.k != 1 {
		t.Fatalf("first piece: %v %+v", err, buf)
	}
	_, _, res, err := add(f.frag(2, 3, strings.Repeat("A", MaxReassembled)))
	if !errors.Is(err, ErrFragment) || !errors.Is(err, ErrTooLarge) || !hasKind(res, EventError) || buf.k != 0 || buf.data != "" {
		t.Fatalf("huge piece: %v, buffer %d chars", err, len(buf.data))
	}
	add(f.frag(1, 3, "abc"))
	if _, _, _, err := add(f.frag(3, 3, "ghi")); err != nil || buf.k != 0 || buf.data != "" {
		t.Fatalf("skipped piece: %v, buffer %+v", err, buf)
	}
	add(f.frag(1, 3, "abc"))
	if msg, complete, _, err := add("hello"); msg != "hello" || !complete || err != nil || buf.data != "" {
		t.Fatalf("plaintext: %q %v %v, buffer %+v", msg, complete, err, buf)
	}
	if _, _, res, err := add(f.frag(1, 0, "abc")); !errors.Is(err, ErrFragment) || !hasKind(res, EventError) {
		t.Fatalf("illegal header: %v", err)
	}
	if _, err := c.ReceiveReassembled("?OTR|00001234|00005678"); !errors.Is(err, ErrFragment) {
		t.Fatalf("nested fragment: %v", err)
	}
}

// TestFragmentContinues: only a fragment start missing its closing comma
// continues on the next line.
func TestFragmentContinues(t *testing.T) {
	for line, want := range map[string]bool{
		"?OTR,00001,00003,?OTRv23?":             true,
		"?OTR|00000100|00000200,1,3,abc":        true,
		"?OTR,00002,00003,r, you do not have":   true,  // libotr's next piece
		"?OTR,00001,00003,?OTRv23?\nmore text,": false, // whole
		"?OTR,00001,00003,":                     false, // no piece yet
		"?OTR,00001,00003":                      false,
		"?OTR,00000,00003,abc":                  false, // k = 0
		"hello":                                 false,
	} {
		if got := FragmentContinues(line); got != want {
			t.Errorf("FragmentContinues(%q) = %v", line, got)
		}
	}
}
