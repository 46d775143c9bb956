package group

import "math/big"

// ExpGMul returns G^a · h^b mod P in time independent of the values of a
// and b (their lengths are public): the product form of the SMP's
// Q = g^r·g2^x and its proofs. h must be in [0, P).
func ExpGMul(a []byte, h *big.Int, b []byte) *big.Int {
	return mulConstTime(ExpG(a), Exp(h, b))
}

// MultiExp returns the product of bases[i]^exps[i] mod P, each factor in
// constant time. It computes the factors one by one: with Go's exported
// bigmod primitives, Straus's shared squarings in pure Go cost more than
// they save (BenchmarkStraus takes twice BenchmarkMultiExp's time).
func MultiExp(bases []*big.Int, exps [][]byte) *big.Int {
	if len(bases) != len(exps) {
		panic("group: MultiExp needs one exponent per base")
	}
	out := big.NewInt(1)
	for i, base := range bases {
		out = mulConstTime(out, Exp(base, exps[i]))
	}
	return out
}
