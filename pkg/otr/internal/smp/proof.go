package smp

import (
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// Zero-knowledge proofs of the spec, each a Schnorr-style proof with the
// challenge c = SHA-256(version, commitments). Provers use secret
// exponents (constant time); verifiers only public ones. The random r of
// a proof is drawn by the caller (in the spec's order) and its commitments
// computed with the step's other exponentiations (group.Run); these
// functions finish the proof from them.

// knowLog finishes the proof of knowledge of x in g^x from the
// commitment gr = g^r: c = H(v, g^r), D = r - x·c.
func knowLog(r, x []byte, gr *big.Int, version byte) (c, d *big.Int) {
	c = hashMPIs(version, gr, nil)
	return c, proofResponse(r, x, c)
}

// checkKnowLog verifies c = H(v, g^D · X^c).
func checkKnowLog(c, d, x *big.Int, version byte) bool {
	var gd, xc *big.Int
	group.Run(func() { gd = group.ExpG(d.Bytes()) }, func() { xc = group.Exp(x, c.Bytes()) })
	return sameHash(hashMPIs(version, group.Mul(gd, xc), nil), c)
}

// coordsCommit is the commitments of the proof that P = g3^r and
// Q = g^r · g2^secret share r, for random r5, r6: g3^r5 and g^r5 · g2^r6,
// as tasks for group.Run.
type coordsCommit struct {
	g3r5, gr5, g2r6 *big.Int
}

func (k *coordsCommit) tasks(g2, g3 *big.Int, r5, r6 []byte) []func() {
	return []func(){
		func() { k.g3r5 = group.Exp(g3, r5) },
		func() { k.g2r6 = group.Exp(g2, r6) },
		func() { k.gr5 = group.ExpG(r5) },
	}
}

// equalCoords finishes that proof: c = H(v, g3^r5, g^r5 · g2^r6),
// D5 = r5 - r·c, D6 = r6 - secret·c.
func (k *coordsCommit) equalCoords(r5, r6, r, secret []byte, version byte) (c, d5, d6 *big.Int) {
	c = hashMPIs(version, k.g3r5, group.MulSecret(k.gr5, k.g2r6))
	return c, proofResponse(r5, r, c), proofResponse(r6, secret, c)
}

// checkEqualCoords verifies c = H(v, g3^D5 · P^c, g^D5 · g2^D6 · Q^c).
func checkEqualCoords(c, d5, d6, p, q, g2, g3 *big.Int, version byte) bool {
	cb, d5b, d6b := c.Bytes(), d5.Bytes(), d6.Bytes()
	var f [5]*big.Int
	group.Run(
		func() { f[0] = group.Exp(g3, d5b) },
		func() { f[1] = group.Exp(g2, d6b) },
		func() { f[2] = group.ExpG(d5b) },
		func() { f[3] = group.Exp(p, cb) },
		func() { f[4] = group.Exp(q, cb) },
	)
	first := group.Mul(f[0], f[3])
	second := group.Mul(group.Mul(f[2], f[1]), f[4])
	return sameHash(hashMPIs(version, first, second), c)
}

// equalLogs finishes the proof that R = qab^x3 and g3o = g^x3 share x3
// from the commitments g^r and qab^r: c = H(v, g^r, qab^r), D = r - x3·c.
func equalLogs(r, x3 []byte, gr, qabr *big.Int, version byte) (c, d *big.Int) {
	c = hashMPIs(version, gr, qabr)
	return c, proofResponse(r, x3, c)
}

// checkEqualLogs verifies c = H(v, g^D · g3o^c, qab^D · R^c), where g3o is
// the peer's half of g3.
func checkEqualLogs(c, d, r, g3o, qab *big.Int, version byte) bool {
	cb, db := c.Bytes(), d.Bytes()
	var f [4]*big.Int
	group.Run(
		func() { f[0] = group.Exp(qab, db) },
		func() { f[1] = group.ExpG(db) },
		func() { f[2] = group.Exp(g3o, cb) },
		func() { f[3] = group.Exp(r, cb) },
	)
	first, second := group.Mul(f[1], f[2]), group.Mul(f[0], f[3])
	return sameHash(hashMPIs(version, first, second), c)
}
