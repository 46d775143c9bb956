package smp

import (
	"crypto/subtle"
	"io"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// Start begins an exchange as the initiator (Alice) with secret x (see
// Secret) and returns message 1: g2a, c2, D2, g3a, c3, D3. It fails with
// ErrInProgress while an exchange runs or awaits our answer; the caller
// may Abort first. r nil means s.Rand, then crypto/rand.
func (s *State) Start(r io.Reader, x []byte) ([]*big.Int, error) {
	if s.InProgress() {
		return nil, ErrInProgress
	}
	// a2, a3, then the r of each proof: the spec's order of draws.
	e, err := randomExponents(s.reader(r), 4)
	if err != nil {
		return nil, err
	}
	a2, a3, r2, r3 := e[0], e[1], e[2], e[3]
	var g2a, g3a, gr2, gr3 *big.Int
	group.Run(
		func() { g2a = group.ExpG(a2) },
		func() { g3a = group.ExpG(a3) },
		func() { gr2 = group.ExpG(r2) },
		func() { gr3 = group.ExpG(r3) },
	)
	c2, d2 := knowLog(r2, a2, gr2, 1)
	c3, d3 := knowLog(r3, a3, gr3, 2)
	*s = State{Expect: 2, Secret: append(Num(nil), x...), X2: a2, X3: a3, Rand: s.Rand}
	return []*big.Int{g2a, c2, d2, g3a, c3, d3}, nil
}

// receiveMsg2 verifies Bob's message 2 and builds message 3:
// Pa, Qa, cP, D5, D6, Ra, cR, D7.
func (s *State) receiveMsg2(m []*big.Int) ([]*big.Int, error) {
	const name = "message 2"
	if err := checkMsg2(m); err != nil {
		return nil, err
	}
	g2b, g3b, pb, qb := m[0], m[3], m[6], m[7]
	var ok2, ok3 bool
	group.Run(func() { ok2 = checkKnowLog(m[1], m[2], g2b, 3) }, func() { ok3 = checkKnowLog(m[4], m[5], g3b, 4) })
	if !ok2 {
		return nil, proofError(name, "g2b")
	}
	if !ok3 {
		return nil, proofError(name, "g3b")
	}
	var g2, g3 *big.Int
	group.Run(func() { g2 = group.Exp(g2b, s.X2) }, func() { g3 = group.Exp(g3b, s.X3) })
	if !checkEqualCoords(m[8], m[9], m[10], pb, qb, g2, g3, 5) {
		return nil, proofError(name, "Pb, Qb")
	}
	return s.buildMsg3(g2, g3, g3b, pb, qb)
}

func checkMsg2(m []*big.Int) error {
	const name = "message 2"
	if err := checkCount(name, m, 11); err != nil {
		return err
	}
	if err := checkElements(name, field{"g2b", m[0]}, field{"g3b", m[3]}, field{"Pb", m[6]}, field{"Qb", m[7]}); err != nil {
		return err
	}
	return checkExponents(name, field{"c2", m[1]}, field{"D2", m[2]}, field{"c3", m[4]},
		field{"D3", m[5]}, field{"cP", m[8]}, field{"D5", m[9]}, field{"D6", m[10]})
}

func (s *State) buildMsg3(g2, g3, g3b, pb, qb *big.Int) ([]*big.Int, error) {
	// r4, then the proofs' r5, r6 and r7: the spec's order of draws.
	e, err := randomExponents(s.reader(nil), 4)
	if err != nil {
		return nil, err
	}
	r4, r5, r6, r7 := e[0], e[1], e[2], e[3]
	var pa, gr4, g2x, gr7 *big.Int
	var coords coordsCommit
	group.Run(append(coords.tasks(g2, g3, r5, r6),
		func() { pa = group.Exp(g3, r4) },
		func() { gr4 = group.ExpG(r4) },
		func() { gr7 = group.ExpG(r7) },
		func() { g2x = group.Exp(g2, s.Secret) },
	)...)
	qa := group.MulSecret(gr4, g2x)
	cp, d5, d6 := coords.equalCoords(r5, r6, r4, s.Secret, 6)
	pab, qab := group.Div(pa, pb), group.Div(qa, qb)
	var qabr7, ra *big.Int
	group.Run(func() { qabr7 = group.Exp(qab, r7) }, func() { ra = group.Exp(qab, s.X3) })
	cr, d7 := equalLogs(r7, s.X3, gr7, qabr7, 7)
	// Only a3, g3b, Pa/Pb and Qa/Qb are needed for message 4.
	*s = State{Expect: 4, X3: s.X3, TheirG3: numOf(g3b), Pab: numOf(pab), Qab: numOf(qab), Rand: s.Rand}
	return []*big.Int{pa, qa, cp, d5, d6, ra, cr, d7}, nil
}

// receiveMsg4 verifies Bob's message 4 (Rb, cR, D7) and compares.
func (s *State) receiveMsg4(m []*big.Int) (Outcome, error) {
	const name = "message 4"
	if err := checkCount(name, m, 3); err != nil {
		return Aborted, err
	}
	if err := checkElements(name, field{"Rb", m[0]}); err != nil {
		return Aborted, err
	}
	if err := checkExponents(name, field{"cR", m[1]}, field{"D7", m[2]}); err != nil {
		return Aborted, err
	}
	if !checkEqualLogs(m[1], m[2], m[0], s.TheirG3.Int(), s.Qab.Int(), 8) {
		return Aborted, proofError(name, "Rb")
	}
	rab := group.Exp(m[0], s.X3)
	return compare(rab, s.Pab.Int()), nil
}

// compare is the final test Rab == Pa/Pb.
func compare(rab, pab *big.Int) Outcome {
	a := rab.FillBytes(make([]byte, group.Size))
	b := pab.FillBytes(make([]byte, group.Size))
	if subtle.ConstantTimeCompare(a, b) == 1 {
		return Succeeded
	}
	return Failed
}

// reader picks the randomness source: r, else s.Rand (nil is crypto/rand).
func (s *State) reader(r io.Reader) io.Reader {
	if r != nil {
		return r
	}
	return s.Rand
}
