package group

import (
	"math/big"
	"testing"
)

// strausExp is constant-time Straus (shared squarings, a 16-entry table
// per base, 4-bit windows) on this package's pure-Go Montgomery product.
// It is kept here, not in the package, because it loses to MultiExp's
// factor-by-factor bigmod exponentiations (compare the benchmarks): the
// squarings it shares cost more in pure Go than bigmod's assembly does.
func strausExp(bases []*big.Int, exps [][]byte) *big.Int {
	n := 0
	for _, e := range exps {
		n = max(n, len(e))
	}
	tables := make([][windowEntries]elem, len(bases))
	for i, b := range bases {
		tables[i][0], tables[i][1] = montOne, toMont(b)
		for j := 2; j < windowEntries; j++ {
			montMul(&tables[i][j], &tables[i][j-1], &tables[i][1])
		}
	}
	acc, entry := montOne, elem{}
	for pos := 0; pos < 2*n; pos++ {
		for k := 0; k < windowBits; k++ {
			montMul(&acc, &acc, &acc)
		}
		for i, e := range exps {
			selectElem(&entry, &tables[i], nibbleFromTop(e, n, pos))
			montMul(&acc, &acc, &entry)
		}
	}
	return fromMont(&acc)
}

// nibbleFromTop is the pos-th 4-bit digit, most significant first, of e
// left-padded to n bytes.
func nibbleFromTop(e []byte, n, pos int) uint64 {
	i := pos/2 - (n - len(e))
	if i < 0 {
		return 0
	}
	return uint64(e[i]>>(4*(1-pos%2))) & (windowEntries - 1)
}

func TestStrausMatchesMultiExp(t *testing.T) {
	r := seeded(11)
	h, k := randomElement(t, r), randomElement(t, r)
	bases, exps := []*big.Int{h, k}, [][]byte{randomBytes(r, Size), randomBytes(r, 32)}
	if strausExp(bases, exps).Cmp(MultiExp(bases, exps)) != 0 {
		t.Fatal("Straus and MultiExp differ")
	}
}

// BenchmarkStraus is BenchmarkMultiExp's product done by Straus.
func BenchmarkStraus(b *testing.B) {
	h, a, short := benchInputs(b)
	k := randomElement(b, seeded(10))
	for b.Loop() {
		strausExp([]*big.Int{h, k}, [][]byte{a, short})
	}
}
