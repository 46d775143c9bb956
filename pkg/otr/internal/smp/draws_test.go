package smp

import (
	"bytes"
	"io"
	"math/big"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// counting is a reader of 192-byte exponents 1, 2, 3… in turn, so a test
// knows which draw became which value.
type counting struct{ n byte }

func (c *counting) Read(p []byte) (int, error) {
	if len(p) != group.Size {
		return 0, io.ErrUnexpectedEOF
	}
	c.n++
	return copy(p, draw(c.n)), nil
}

func draw(n byte) []byte { return append(make([]byte, group.Size-1), n) }

// wantKnowLog is the spec's proof of knowledge of x from its random r.
func wantKnowLog(r, x []byte, version byte) (c, d *big.Int) {
	c = hashMPIs(version, new(big.Int).Exp(group.G, new(big.Int).SetBytes(r), group.P), nil)
	d = new(big.Int).Mul(new(big.Int).SetBytes(x), c)
	d.Sub(new(big.Int).SetBytes(r), d).Mod(d, group.Q)
	return c, d
}

// TestStartDrawsInSpecOrder: message 1 is g^a2, its proof, g^a3, its
// proof, with a2, a3, then each proof's r drawn in that order, as before
// the exponentiations ran in parallel.
func TestStartDrawsInSpecOrder(t *testing.T) {
	var s State
	m, err := s.Start(&counting{}, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	c2, d2 := wantKnowLog(draw(3), draw(1), 1)
	c3, d3 := wantKnowLog(draw(4), draw(2), 2)
	want := []*big.Int{big.NewInt(2), c2, d2, big.NewInt(4), c3, d3} // g^1, g^2
	for i := range want {
		if m[i].Cmp(want[i]) != 0 {
			t.Fatalf("message 1 value %d differs from the spec's computation", i)
		}
	}
	if !bytes.Equal(s.X2, draw(1)) || !bytes.Equal(s.X3, draw(2)) {
		t.Fatal("a2, a3 are not the first two draws")
	}
}

// TestAnswerDrawsInSpecOrder: b2, b3, r4, the two proofs' r, then r5, r6.
func TestAnswerDrawsInSpecOrder(t *testing.T) {
	x, y := secrets("same", "same")
	var alice, bob State
	m1, err := alice.Start(nil, x)
	must(t, err, "Start")
	_, _, _, err = bob.Receive(TypeMsg1, m1)
	must(t, err, "receive message 1")
	m2, err := bob.Answer(&counting{}, y)
	must(t, err, "Answer")
	exp := func(base *big.Int, e []byte) *big.Int {
		return new(big.Int).Exp(base, new(big.Int).SetBytes(e), group.P)
	}
	c2, d2 := wantKnowLog(draw(4), draw(1), 3)
	c3, d3 := wantKnowLog(draw(5), draw(2), 4)
	g3 := exp(m1[3], draw(2))
	if m2[0].Cmp(exp(group.G, draw(1))) != 0 || m2[3].Cmp(exp(group.G, draw(2))) != 0 ||
		m2[1].Cmp(c2) != 0 || m2[2].Cmp(d2) != 0 || m2[4].Cmp(c3) != 0 || m2[5].Cmp(d3) != 0 {
		t.Fatal("g2b, g3b or their proofs are not from draws 1, 2, 4, 5")
	}
	if m2[6].Cmp(exp(g3, draw(3))) != 0 {
		t.Fatal("Pb is not g3^r4 with r4 the third draw")
	}
	// The equal-coordinates proof with r5, r6 = draws 6, 7 verifies, and
	// Alice's side accepts the whole message.
	if _, _, out, err := alice.Receive(TypeMsg2, m2); err != nil || out != None {
		t.Fatalf("Alice rejects message 2: %v %v", out, err)
	}
}
