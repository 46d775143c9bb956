package smp

import (
	"io"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// receiveMsg1 verifies Alice's message 1 (g2a, c2, D2, g3a, c3, D3) and
// keeps her halves until the user answers.
func (s *State) receiveMsg1(m []*big.Int) error {
	const name = "message 1"
	if err := checkCount(name, m, 6); err != nil {
		return err
	}
	if err := checkElements(name, field{"g2a", m[0]}, field{"g3a", m[3]}); err != nil {
		return err
	}
	if err := checkExponents(name, field{"c2", m[1]}, field{"D2", m[2]}, field{"c3", m[4]}, field{"D3", m[5]}); err != nil {
		return err
	}
	if !checkKnowLog(m[1], m[2], m[0], 1) {
		return proofError(name, "g2a")
	}
	if !checkKnowLog(m[4], m[5], m[3], 2) {
		return proofError(name, "g3a")
	}
	*s = State{Expect: 1, Requested: true, TheirG2: numOf(m[0]), TheirG3: numOf(m[3]), Rand: s.Rand}
	return nil
}

// Answer continues the peer's request with our secret y (see Secret, with
// the peer's fingerprint first) and returns message 2: g2b, c2, D2, g3b,
// c3, D3, Pb, Qb, cP, D5, D6. r nil means s.Rand, then crypto/rand.
func (s *State) Answer(r io.Reader, y []byte) ([]*big.Int, error) {
	if !s.AwaitingAnswer() {
		return nil, ErrNoRequest
	}
	r = s.reader(r)
	b2, b3, r4, err := threeExponents(r)
	if err != nil {
		return nil, err
	}
	c2, d2, err := proveKnowLog(r, b2, 3)
	if err != nil {
		return nil, err
	}
	c3, d3, err := proveKnowLog(r, b3, 4)
	if err != nil {
		return nil, err
	}
	g2, g3 := group.Exp(s.TheirG2.Int(), b2), group.Exp(s.TheirG3.Int(), b3)
	pb, qb := group.Exp(g3, r4), group.ExpGMul(r4, g2, y)
	cp, d5, d6, err := proveEqualCoords(r, g2, g3, r4, y, 5)
	if err != nil {
		return nil, err
	}
	// y is no longer needed: message 3 is checked with g2, g3, b3, Pb, Qb.
	*s = State{Expect: 3, X3: b3, TheirG3: s.TheirG3, G2: numOf(g2), G3: numOf(g3),
		P: numOf(pb), Q: numOf(qb), Rand: s.Rand}
	return []*big.Int{group.ExpG(b2), c2, d2, group.ExpG(b3), c3, d3, pb, qb, cp, d5, d6}, nil
}

func threeExponents(r io.Reader) (a, b, c []byte, err error) {
	if a, err = randomExponent(r); err != nil {
		return
	}
	if b, err = randomExponent(r); err != nil {
		return
	}
	c, err = randomExponent(r)
	return
}

// receiveMsg3 verifies Alice's message 3 (Pa, Qa, cP, D5, D6, Ra, cR, D7),
// builds message 4 (Rb, cR, D7) and compares.
func (s *State) receiveMsg3(m []*big.Int) ([]*big.Int, Outcome, error) {
	const name = "message 3"
	if err := checkMsg3(m); err != nil {
		return nil, Aborted, err
	}
	pa, qa, ra := m[0], m[1], m[5]
	if !checkEqualCoords(m[2], m[3], m[4], pa, qa, s.G2.Int(), s.G3.Int(), 6) {
		return nil, Aborted, proofError(name, "Pa, Qa")
	}
	pab, qab := group.Div(pa, s.P.Int()), group.Div(qa, s.Q.Int())
	if !checkEqualLogs(m[6], m[7], ra, s.TheirG3.Int(), qab, 7) {
		return nil, Aborted, proofError(name, "Ra")
	}
	cr, d7, err := proveEqualLogs(s.reader(nil), qab, s.X3, 8)
	if err != nil {
		return nil, Aborted, err
	}
	rb := group.Exp(qab, s.X3)
	outcome := compare(group.Exp(ra, s.X3), pab)
	return []*big.Int{rb, cr, d7}, outcome, nil
}

func checkMsg3(m []*big.Int) error {
	const name = "message 3"
	if err := checkCount(name, m, 8); err != nil {
		return err
	}
	if err := checkElements(name, field{"Pa", m[0]}, field{"Qa", m[1]}, field{"Ra", m[5]}); err != nil {
		return err
	}
	return checkExponents(name, field{"cP", m[2]}, field{"D5", m[3]}, field{"D6", m[4]},
		field{"cR", m[6]}, field{"D7", m[7]})
}
