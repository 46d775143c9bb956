package group

import (
	"math/big"
	"testing"
)

func benchInputs(b *testing.B) (*big.Int, []byte, []byte) {
	r := seeded(9)
	return randomElement(b, r), randomBytes(r, Size), randomBytes(r, 32)
}

// BenchmarkExp is one constant-time 1536-bit exponentiation (bigmod).
func BenchmarkExp(b *testing.B) {
	base, e, _ := benchInputs(b)
	for b.Loop() {
		Exp(base, e)
	}
}

// BenchmarkMathBigExp is the same with math/big (variable time), for
// comparison; libgcrypt's powm is the cost unit of libotr's SMP.
func BenchmarkMathBigExp(b *testing.B) {
	base, e, _ := benchInputs(b)
	n := new(big.Int).SetBytes(e)
	for b.Loop() {
		new(big.Int).Exp(base, n, P)
	}
}

// BenchmarkExpG is g^e through the fixed-base table.
func BenchmarkExpG(b *testing.B) {
	_, e, _ := benchInputs(b)
	gFixed()
	for b.Loop() {
		ExpG(e)
	}
}

// BenchmarkExpGMul is g^a·h^b with a 1536-bit a and a 256-bit b.
func BenchmarkExpGMul(b *testing.B) {
	h, a, short := benchInputs(b)
	gFixed()
	for b.Loop() {
		ExpGMul(a, h, short)
	}
}

// BenchmarkMultiExp is h^a·k^c (1536- and 256-bit), factor by factor.
func BenchmarkMultiExp(b *testing.B) {
	h, a, short := benchInputs(b)
	k := randomElement(b, seeded(10))
	for b.Loop() {
		MultiExp([]*big.Int{h, k}, [][]byte{a, short})
	}
}

// BenchmarkMontMul is one constant-time Montgomery product (pure Go).
func BenchmarkMontMul(b *testing.B) {
	x, _, _ := benchInputs(b)
	m := toMont(x)
	for b.Loop() {
		montMul(&m, &m, &m)
	}
}
