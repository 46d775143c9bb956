package otr

import (
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// unreadable asserts the spec's answer to an unreadable data message:
// refused with want, state unchanged, and one OTR error sent back.
func (d delivery) unreadable(t testing.TB, want error) {
	t.Helper()
	d.rejected(t, want)
	if len(d.res.Messages) != 1 || !isOTRError(d.res.Messages[0]) {
		t.Fatalf("replies %q, want one OTR error", d.res.Messages)
	}
}

// TestHostileDataForgery: in an encrypted session, data messages with a
// wrong MAC, changed bytes, wrong key ids, replayed or decreasing
// counters, a foreign instance or the other version are refused without
// touching the keys; a sealed honest message is the control.
func TestHostileDataForgery(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "encrypted")
		k := f.victim.State.Keys
		for _, tc := range []struct {
			name  string
			edit  func(m *wire.Data)
			after func(g *fixture, line string) string // may tamper with the sealed line
			want  error                                // nil: accepted
		}{
			{name: "control", want: nil},
			{name: "MAC byte 4", after: flipByte(-21), want: ErrBadMAC},
			{name: "MAC last byte", after: flipByte(-5), want: ErrBadMAC},
			{name: "ciphertext byte", after: flipByte(-30), want: ErrBadMAC},
			{name: "counter 0", edit: func(m *wire.Data) { m.Counter = counterBytes(0) }, want: ErrReplay},
			{name: "recipient key id 0", edit: func(m *wire.Data) { m.RecipientKeyID = 0 }, want: ErrUnknownKeyID},
			{name: "sender key id 0", edit: func(m *wire.Data) { m.SenderKeyID = 0 }, want: ErrUnknownKeyID},
			{name: "recipient key too new", edit: func(m *wire.Data) { m.RecipientKeyID = k.OurKeyID + 1 }, want: ErrUnknownKeyID},
			{name: "recipient key too old", edit: func(m *wire.Data) { m.RecipientKeyID = k.OurKeyID - 2 }, want: ErrUnknownKeyID},
			{name: "sender key too new", edit: func(m *wire.Data) { m.SenderKeyID = k.TheirKeyID + 1 }, want: ErrUnknownKeyID},
			{name: "sender key too old", edit: func(m *wire.Data) { m.SenderKeyID = k.TheirKeyID - 2 }, want: ErrUnknownKeyID},
			{name: "sender key max", edit: func(m *wire.Data) { m.SenderKeyID = 0xffffffff }, want: ErrUnknownKeyID},
			{name: "wrong version", edit: otherVersion, want: ErrMalformed},
			{name: "broken TLV", after: sealPlain([]byte("text\x00\x00\x01\x00\x09ab")), want: ErrMalformed},
		} {
			t.Run(tc.name, func(t *testing.T) {
				g := f.clone(t)
				m := g.dataTemplate(t)
				if tc.edit != nil {
					tc.edit(m)
				}
				line := g.seal(m, []byte("forged"))
				if tc.after != nil {
					line = tc.after(g, line)
				}
				d := deliver(t, g.victim, line)
				if tc.want == nil {
					if d.err != nil || !d.hasEvent(EventMessage) {
						t.Fatalf("control refused: %v", d.err)
					}
					return
				}
				d.unreadable(t, tc.want)
			})
		}
	}
}

// flipByte changes the binary byte at offset at (negative: from the end).
func flipByte(at int) func(*fixture, string) string {
	return func(_ *fixture, line string) string {
		bin, _ := wire.DecodeMessage(line)
		if at < 0 {
			at += len(bin)
		}
		bin[at] ^= 0x40
		return encodeBin(bin)
	}
}

// sealPlain reseals the line's message around another plaintext.
func sealPlain(plain []byte) func(*fixture, string) string {
	return func(g *fixture, line string) string {
		bin, _ := wire.DecodeMessage(line)
		m, _ := wire.Decode(bin)
		return g.seal(m.(*wire.Data), plain)
	}
}

// otherVersion turns a v3 data message into v2 and the reverse.
func otherVersion(m *wire.Data) {
	if m.Version == 3 {
		m.Version, m.SenderTag, m.ReceiverTag = 2, 0, 0
		return
	}
	m.Version, m.SenderTag, m.ReceiverTag = 3, peerTag, victimTag
}

// TestHostileDataCounters: a replay, an equal or a decreasing counter on
// the same keys is refused once a message was accepted.
func TestHostileDataCounters(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "encrypted")
		first := f.dataTemplate(t)
		first.Counter = counterBytes(50)
		line := f.seal(first, []byte("fifty"))
		if _, err := f.victim.Receive(line); err != nil {
			t.Fatal(err)
		}
		deliver(t, f.victim, line).unreadable(t, ErrReplay)
		for _, ctr := range []uint64{50, 49, 1, 0} {
			m := f.dataTemplate(t)
			m.Counter = counterBytes(ctr)
			deliver(t, f.victim, f.seal(m, []byte("old"))).unreadable(t, ErrReplay)
		}
		if got := f.victimCounter(first); got != 50 {
			t.Fatalf("receive counter %d, want 50", got)
		}
	}
}

// TestHostileDataInstances: v3 data messages from a reserved sender tag
// are errors, from another instance of the peer are unreadable, and those
// for another instance of ours (or instance 0) are ignored.
func TestHostileDataInstances(t *testing.T) {
	f := getFixture(t, 3, "encrypted")
	for _, tc := range []struct {
		name             string
		sender, receiver uint32
		want             error // nil: ignored
	}{
		{"sender 0", 0, victimTag, ErrMalformed},
		{"sender 0xff", 0xff, victimTag, ErrMalformed},
		{"unknown sender", 0x9999, victimTag, ErrUnknownInstance},
		{"other receiver", peerTag, 0x9999, nil},
		{"receiver 0", peerTag, 0, nil},
		{"reserved receiver", peerTag, 0xff, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := f.clone(t)
			m := g.dataTemplate(t)
			m.SenderTag, m.ReceiverTag = tc.sender, tc.receiver
			d := deliver(t, g.victim, g.seal(m, []byte("elsewhere")))
			switch {
			case tc.want == nil:
				d.ignored(t)
			case tc.want == ErrUnknownInstance:
				d.unreadable(t, tc.want)
			default:
				d.rejected(t, tc.want)
			}
		})
	}
}

// TestHostileDataOutsideSession: a data message in any state but encrypted
// is unreadable (an OTR error goes back), or ignored quietly when flagged
// IGNORE_UNREADABLE; a forged flag never makes a bad MAC pass.
func TestHostileDataOutsideSession(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		m := decodeLine(t, foreign(t, f.version).data).(*wire.Data)
		plain := encode(m)
		m.Flags |= wire.FlagIgnoreUnreadable
		flagged := encode(m)
		if f.victimState() == "encrypted" {
			deliver(t, f.clone(t).victim, plain).unreadable(t, ErrBadMAC)
			deliver(t, f.victim, flagged).ignored(t)
			return
		}
		deliver(t, f.clone(t).victim, plain).unreadable(t, ErrNotEncrypted)
		deliver(t, f.victim, flagged).ignored(t)
	})
}
