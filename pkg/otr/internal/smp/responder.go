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
	var ok2, ok3 bool
	group.Run(func() { ok2 = checkKnowLog(m[1], m[2], m[0], 1) }, func() { ok3 = checkKnowLog(m[4], m[5], m[3], 2) })
	if !ok2 {
		return proofError(name, "g2a")
	}
	if !ok3 {
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
	// b2, b3, r4, then the proofs' r (twice), r5 and r6: the spec's order.
	e, err := randomExponents(s.reader(r), 7)
	if err != nil {
		return nil, err
	}
	b2, b3, r4, rc2, rc3, r5, r6 := e[0], e[1], e[2], e[3], e[4], e[5], e[6]
	var g2, g3, g2b, g3b, gr2, gr3, gr4 *big.Int
	group.Run(
		func() { g2 = group.Exp(s.TheirG2.Int(), b2) },
		func() { g3 = group.Exp(s.TheirG3.Int(), b3) },
		func() { g2b = group.ExpG(b2) },
		func() { g3b = group.ExpG(b3) },
		func() { gr2 = group.ExpG(rc2) },
		func() { gr3 = group.ExpG(rc3) },
		func() { gr4 = group.ExpG(r4) },
	)
	var pb, g2y *big.Int
	var coords coordsCommit
	group.Run(append(coords.tasks(g2, g3, r5, r6),
		func() { pb = group.Exp(g3, r4) },
		func() { g2y = group.Exp(g2, y) },
	)...)
	qb := group.MulSecret(gr4, g2y)
	c2, d2 := knowLog(rc2, b2, gr2, 3)
	c3, d3 := knowLog(rc3, b3, gr3, 4)
	cp, d5, d6 := coords.equalCoords(r5, r6, r4, y, 5)
	// y is no longer needed: message 3 is checked with g2, g3, b3, Pb, Qb.
	*s = State{Expect: 3, X3: b3, TheirG3: s.TheirG3, G2: numOf(g2), G3: numOf(g3),
		P: numOf(pb), Q: numOf(qb), Rand: s.Rand}
	return []*big.Int{g2b, c2, d2, g3b, c3, d3, pb, qb, cp, d5, d6}, nil
}

// randomExponents draws n exponents in turn.
func randomExponents(r io.Reader, n int) ([][]byte, error) {
	out := make([][]byte, n)
	for i := range out {
		var err error
		if out[i], err = randomExponent(r); err != nil {
			return nil, err
		}
	}
	return out, nil
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
	r7, err := randomExponent(s.reader(nil))
	if err != nil {
		return nil, Aborted, err
	}
	var gr7, qabr7, rb, rab *big.Int
	group.Run(
		func() { qabr7 = group.Exp(qab, r7) },
		func() { rb = group.Exp(qab, s.X3) },
		func() { rab = group.Exp(ra, s.X3) },
		func() { gr7 = group.ExpG(r7) },
	)
	cr, d7 := equalLogs(r7, s.X3, gr7, qabr7, 8)
	outcome := compare(rab, pab)
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
