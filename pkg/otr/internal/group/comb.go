package group

import "math/big"

// A fixed-base comb (Lim and Lee) for G with its table compiled into the
// binary (gcomb_table.go), so that a process that computes g^x once or
// twice — one command-line step — pays neither the 1536 squarings of a
// generic exponentiation nor the cost of building a table.
//
// The exponent, left-padded to combBits, is read as combRows rows of
// combCols bits; each row as combBlocks blocks of combSpan bits. Entry s of
// block j's table is the product of g^(2^(combCols·i + combSpan·j)) over
// the rows i set in s. Then g^e is combSpan-1 squarings and combCols
// multiplications, each by an entry picked with a constant-time scan of
// its block's 16 entries: the work and the memory touched do not depend
// on the exponent's value.

const (
	combRows   = 4
	combBits   = 8 * Size
	combCols   = combBits / combRows // 384
	combBlocks = 16
	combSpan   = combCols / combBlocks // 24
	combSize   = 1 << combRows
)

// combMinBytes is the shortest exponent that goes through the comb: below
// it a generic exponentiation, whose cost grows with the exponent, is
// cheaper (a DH key's 40 bytes, say).
const combMinBytes = 96

// combExp returns G^e mod P for len(e) <= Size in time independent of e's
// value.
func combExp(e []byte) *big.Int { return combExpWith(&gComb, e) }

// combExpWith is combExp with another base's table (see buildComb).
func combExpWith(t *[combBlocks][combSize]elem, e []byte) *big.Int {
	var padded [Size]byte
	copy(padded[Size-len(e):], e)
	acc := montOne
	var entry elem
	for k := combSpan - 1; k >= 0; k-- {
		if k != combSpan-1 {
			montMul(&acc, &acc, &acc)
		}
		for j := 0; j < combBlocks; j++ {
			selectElem(&entry, &t[j], combIndex(&padded, j*combSpan+k))
			montMul(&acc, &acc, &entry)
		}
	}
	return fromMont(&acc)
}

// combIndex gathers bit col of every row of the exponent (big-endian
// bytes; bit 0 is the least significant) into a table index.
func combIndex(e *[Size]byte, col int) uint64 {
	var s uint64
	for i := 0; i < combRows; i++ {
		bit := i*combCols + col
		s |= uint64(e[Size-1-bit/8]>>(bit%8)&1) << i
	}
	return s
}

// buildComb computes the comb's table for base (in Montgomery form); the
// compiled-in gComb is its value for G, checked by the tests.
func buildComb(base *big.Int) *[combBlocks][combSize]elem {
	var t [combBlocks][combSize]elem
	power := toMont(base) // base^(2^n) for the current bit n
	var rowBase [combBlocks][combRows]elem
	for n := 0; n < combBits; n++ {
		if col := n % combCols; col%combSpan == 0 {
			rowBase[col/combSpan][n/combCols] = power
		}
		montMul(&power, &power, &power)
	}
	for j := range t {
		for s := range t[j] {
			t[j][s] = montOne
			for i := 0; i < combRows; i++ {
				if s>>i&1 == 1 {
					montMul(&t[j][s], &t[j][s], &rowBase[j][i])
				}
			}
		}
	}
	return &t
}
