package group

import "math/big"

// Mul returns a·b mod P (public values; variable time).
func Mul(a, b *big.Int) *big.Int {
	out := new(big.Int).Mul(a, b)
	return out.Mod(out, P)
}

// Div returns a·b⁻¹ mod P (public values; variable time). b must be a
// group element (InRange), so the inverse exists.
func Div(a, b *big.Int) *big.Int {
	inv := new(big.Int).ModInverse(b, P)
	if inv == nil {
		panic("group: Div by a non-element")
	}
	return Mul(a, inv)
}
