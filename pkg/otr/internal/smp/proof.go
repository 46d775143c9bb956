package smp

import (
	"io"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// Zero-knowledge proofs of the spec, each a Schnorr-style proof with the
// challenge c = SHA-256(version, commitments). Provers use secret
// exponents (constant time); verifiers only public ones.

// proveKnowLog proves knowledge of x in g^x: c = H(v, g^r), D = r - x·c.
func proveKnowLog(rand io.Reader, x []byte, version byte) (c, d *big.Int, err error) {
	r, err := randomExponent(rand)
	if err != nil {
		return nil, nil, err
	}
	c = hashMPIs(version, group.ExpG(r), nil)
	return c, proofResponse(r, x, c), nil
}

// checkKnowLog verifies c = H(v, g^D · X^c).
func checkKnowLog(c, d, x *big.Int, version byte) bool {
	return sameHash(hashMPIs(version, group.ExpGMul(d.Bytes(), x, c.Bytes()), nil), c)
}

// proveEqualCoords proves that P = g3^r and Q = g^r · g2^secret share r:
// c = H(v, g3^r5, g^r5 · g2^r6), D5 = r5 - r·c, D6 = r6 - secret·c.
func proveEqualCoords(rand io.Reader, g2, g3 *big.Int, r, secret []byte, version byte) (c, d5, d6 *big.Int, err error) {
	r5, err := randomExponent(rand)
	if err != nil {
		return nil, nil, nil, err
	}
	r6, err := randomExponent(rand)
	if err != nil {
		return nil, nil, nil, err
	}
	c = hashMPIs(version, group.Exp(g3, r5), group.ExpGMul(r5, g2, r6))
	return c, proofResponse(r5, r, c), proofResponse(r6, secret, c), nil
}

// checkEqualCoords verifies c = H(v, g3^D5 · P^c, g^D5 · g2^D6 · Q^c).
func checkEqualCoords(c, d5, d6, p, q, g2, g3 *big.Int, version byte) bool {
	cb := c.Bytes()
	first := group.MultiExp([]*big.Int{g3, p}, [][]byte{d5.Bytes(), cb})
	second := group.Mul(group.ExpG(d5.Bytes()), group.MultiExp([]*big.Int{g2, q}, [][]byte{d6.Bytes(), cb}))
	return sameHash(hashMPIs(version, first, second), c)
}

// proveEqualLogs proves that R = qab^x3 and g3o = g^x3 share x3:
// c = H(v, g^r, qab^r), D = r - x3·c.
func proveEqualLogs(rand io.Reader, qab *big.Int, x3 []byte, version byte) (c, d *big.Int, err error) {
	r, err := randomExponent(rand)
	if err != nil {
		return nil, nil, err
	}
	c = hashMPIs(version, group.ExpG(r), group.Exp(qab, r))
	return c, proofResponse(r, x3, c), nil
}

// checkEqualLogs verifies c = H(v, g^D · g3o^c, qab^D · R^c), where g3o is
// the peer's half of g3.
func checkEqualLogs(c, d, r, g3o, qab *big.Int, version byte) bool {
	cb, db := c.Bytes(), d.Bytes()
	first := group.ExpGMul(db, g3o, cb)
	second := group.MultiExp([]*big.Int{qab, r}, [][]byte{db, cb})
	return sameHash(hashMPIs(version, first, second), c)
}
