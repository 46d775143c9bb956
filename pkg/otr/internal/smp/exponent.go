package smp

import (
	"io"
	"math/big"

	"filippo.io/bigmod"
	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// exponentBits is the size of every random exponent (spec: 1536 bits).
const exponentBits = 1536

func randomExponent(r io.Reader) ([]byte, error) {
	return group.RandomExponent(r, exponentBits)
}

// proofResponse is D = r - x·c mod q, computed in constant time because
// r and x are secret.
func proofResponse(r, x []byte, c *big.Int) *big.Int {
	q := group.QModulus()
	rq := reduceQ(r)
	xc := reduceQ(x).Mul(reduceQ(c.Bytes()), q)
	return new(big.Int).SetBytes(rq.Sub(xc, q).Bytes(q))
}

// reduceQ is b mod q as a bigmod value.
func reduceQ(b []byte) *bigmod.Nat {
	q := group.QModulus()
	wide, err := bigmod.NewModulus(append([]byte{1}, make([]byte, len(b))...))
	if err != nil {
		panic("smp: bad reduction modulus")
	}
	n, err := bigmod.NewNat().SetBytes(b, wide)
	if err != nil {
		panic("smp: bad exponent bytes")
	}
	return bigmod.NewNat().Mod(n, q)
}
