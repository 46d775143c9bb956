package group

import (
	"math/big"
	"sync"
	"sync/atomic"
)

// windowBits is the fixed-base window: 4 bits, 16 entries per position.
// Wider windows save multiplications but the constant-time table scan
// grows as fast, and the table (1.2 MB for g) doubles per bit.
const windowBits = 4

const windowEntries = 1 << windowBits

// FixedBase is a precomputed table for exponentiating one base: for every
// 4-bit position i of the exponent it holds base^(j·16^i), j = 0..15, so
// base^e is one multiplication per window and no squarings — about twice
// as fast as Exp for 1536-bit exponents. Building the table costs
// about seven exponentiations; it pays for a base used many times (g).
type FixedBase struct {
	windows [][windowEntries]elem
}

// NewFixedBase precomputes base (in [2, P)) for exponents of up to
// maxBytes bytes.
func NewFixedBase(base *big.Int, maxBytes int) *FixedBase {
	f := &FixedBase{windows: make([][windowEntries]elem, 2*maxBytes)}
	power := toMont(base) // base^(16^i) for the current position i
	for i := range f.windows {
		w := &f.windows[i]
		w[0], w[1] = montOne, power
		for j := 2; j < windowEntries; j++ {
			montMul(&w[j], &w[j-1], &power)
		}
		montMul(&power, &w[windowEntries-1], &power) // base^(16·16^i)
	}
	return f
}

// MaxBytes is the longest exponent the table covers.
func (f *FixedBase) MaxBytes() int { return len(f.windows) / 2 }

// Exp returns base^e mod P in time that depends only on len(e), which
// must not exceed MaxBytes.
func (f *FixedBase) Exp(e []byte) *big.Int {
	if len(e) > f.MaxBytes() {
		panic("group: exponent longer than the fixed-base table")
	}
	acc := montOne
	var entry elem
	for i := 0; i < 2*len(e); i++ {
		b := e[len(e)-1-i/2]
		nibble := uint64(b>>(4*(i%2))) & (windowEntries - 1)
		selectElem(&entry, &f.windows[i], nibble)
		montMul(&acc, &acc, &entry)
	}
	return fromMont(&acc)
}

// gTableAfter is how many ExpG calls go without the table.
const gTableAfter = 16

var (
	gExpCalls  atomic.Int64
	gTableOnce sync.Once
	gTable     *FixedBase
)

// gFixed is the table for G, built on first use (a few milliseconds).
func gFixed() *FixedBase {
	gTableOnce.Do(func() { gTable = NewFixedBase(G, Size) })
	return gTable
}
