package otr

import (
	"math/big"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// TestHostileDHKeyValue: a D-H Key whose g^y is outside 2..p-2 is refused
// in awaiting_dhkey and ignored elsewhere; 2 and p-2 are accepted.
func TestHostileDHKeyValue(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		honest := foreign(t, f.version).dhKey
		for name, v := range badElements() {
			m := decodeLine(t, honest).(*wire.DHKey)
			m.Gy = v
			d := deliver(t, f.clone(t).victim, encode(m))
			if f.victimState() != "awaiting_dhkey" {
				d.ignored(t)
				continue
			}
			t.Run(name, func(t *testing.T) { d.rejected(t, ErrBadGroupElement) })
		}
		if f.victimState() != "awaiting_dhkey" {
			return
		}
		for name, v := range edgeElements() {
			g := f.clone(t)
			m := decodeLine(t, honest).(*wire.DHKey)
			m.Gy = v
			if d := deliver(t, g.victim, encode(m)); d.err != nil || g.victimState() != "awaiting_sig" {
				t.Fatalf("g^y = %s: %v, state %s", name, d.err, g.victimState())
			}
		}
	})
}

// TestHostileCommittedGx: a Reveal Signature whose revealed g^x is outside
// 2..p-2, or is not one MPI, is refused before any signature work, and the
// victim still awaits the Reveal Signature.
func TestHostileCommittedGx(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "plaintext")
		cases := map[string][]byte{}
		for name, x := range badElements() {
			cases[name] = wire.AppendMPI(nil, x)
		}
		cases["leading zeros 1"] = []byte{0, 0, 0, 3, 0, 0, 1}
		for name, gxMPI := range cases {
			t.Run(name, func(t *testing.T) {
				g := f.clone(t)
				commit, r := g.commitFor(t, gxMPI)
				must(t, g.victim, commit)
				deliver(t, g.victim, g.revealSig(r)).rejected(t, ErrBadGroupElement)
			})
		}
		malformed := map[string][]byte{
			"trailing byte":  append(wire.AppendMPI(nil, big.NewInt(5)), 0),
			"length too big": {0, 0, 0, 9, 1, 2},
			"empty":          {},
			"two MPIs":       wire.AppendMPI(wire.AppendMPI(nil, big.NewInt(5)), big.NewInt(5)),
		}
		for name, gxMPI := range malformed {
			t.Run(name, func(t *testing.T) {
				g := f.clone(t)
				commit, r := g.commitFor(t, gxMPI)
				must(t, g.victim, commit)
				deliver(t, g.victim, g.revealSig(r)).rejected(t, ErrMalformed)
			})
		}
		// Control: a valid g^x gets past these checks to the MAC.
		g := f.clone(t)
		commit, r := g.commitFor(t, wire.AppendMPI(nil, big.NewInt(2)))
		must(t, g.victim, commit)
		deliver(t, g.victim, g.revealSig(r)).rejected(t, ErrBadMAC)
	}
}

// TestHostileNextDH: an authentic data message whose next D-H key is
// outside 2..p-2 is unreadable: refused, an OTR error sent back, no key
// rotation. The extreme valid values are accepted.
func TestHostileNextDH(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "encrypted")
		for name, x := range badElements() {
			t.Run(name, func(t *testing.T) {
				g := f.clone(t)
				m := g.dataTemplate(t)
				m.NextDH = x
				d := deliver(t, g.victim, g.seal(m, []byte("forged")))
				d.rejected(t, ErrBadGroupElement)
				if len(d.res.Messages) != 1 || !isOTRError(d.res.Messages[0]) {
					t.Fatalf("replies %q, want one OTR error", d.res.Messages)
				}
			})
		}
		for name, x := range edgeElements() {
			g := f.clone(t)
			m := g.dataTemplate(t)
			m.NextDH = x
			if d := deliver(t, g.victim, g.seal(m, []byte("edge"))); d.err != nil || !d.hasEvent(EventMessage) {
				t.Fatalf("next D-H %s: %v", name, d.err)
			}
		}
	}
}
