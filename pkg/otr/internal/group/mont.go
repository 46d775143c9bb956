package group

import (
	"math/big"
	"math/bits"
)

// Constant-time Montgomery arithmetic for the fixed 1536-bit modulus, used
// where bigmod's exported API would cost two Montgomery products per
// multiplication (fixed-base tables and multi-exponentiation keep their
// values in Montgomery form throughout).

const limbCount = 1536 / 64

// elem is a number mod P as little-endian 64-bit limbs, in Montgomery form
// (x·R mod P, R = 2^1536) unless said otherwise.
type elem [limbCount]uint64

var (
	pLimbs = limbsOf(P)
	// pInv is -P⁻¹ mod 2^64.
	pInv = negInverse64(pLimbs[0])
	// rr is R² mod P, for conversion into Montgomery form.
	rr = limbsOf(new(big.Int).Mod(new(big.Int).Lsh(big.NewInt(1), 2*1536), P))
	// montOne is R mod P, the Montgomery form of 1.
	montOne = limbsOf(new(big.Int).Mod(new(big.Int).Lsh(big.NewInt(1), 1536), P))
)

func limbsOf(x *big.Int) elem {
	var e elem
	var buf [Size]byte
	x.FillBytes(buf[:])
	for i := range e {
		for j := 0; j < 8; j++ {
			e[i] |= uint64(buf[Size-1-8*i-j]) << (8 * j)
		}
	}
	return e
}

func (e *elem) bigInt() *big.Int {
	var buf [Size]byte
	for i := range e {
		for j := 0; j < 8; j++ {
			buf[Size-1-8*i-j] = byte(e[i] >> (8 * j))
		}
	}
	return new(big.Int).SetBytes(buf[:])
}

// negInverse64 returns -x⁻¹ mod 2^64 for odd x (Newton's iteration).
func negInverse64(x uint64) uint64 {
	inv := x
	for i := 0; i < 6; i++ {
		inv *= 2 - x*inv
	}
	return -inv
}

// toMont returns x·R mod P for 0 <= x < P.
func toMont(x *big.Int) elem {
	var out elem
	plain := limbsOf(x)
	montMul(&out, &plain, &rr)
	return out
}

// fromMont returns the plain value of a Montgomery-form element.
func fromMont(x *elem) *big.Int {
	one := elem{1}
	var out elem
	montMul(&out, x, &one)
	return out.bigInt()
}

// montMul sets z = a·b/R mod P (word-by-word Montgomery, CIOS), in time
// independent of the values. z may alias a or b.
func montMul(z, a, b *elem) {
	var t [limbCount + 2]uint64
	for i := 0; i < limbCount; i++ {
		mulAddRow(&t, a, b[i])
		reduceRow(&t)
	}
	subtractIfNeeded(z, &t)
}

// mulAddRow adds a·w to t.
func mulAddRow(t *[limbCount + 2]uint64, a *elem, w uint64) {
	var carry uint64
	for j := 0; j < limbCount; j++ {
		hi, lo := bits.Mul64(a[j], w)
		var c uint64
		lo, c = bits.Add64(lo, t[j], 0)
		hi += c
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		t[j], carry = lo, hi
	}
	var c uint64
	t[limbCount], c = bits.Add64(t[limbCount], carry, 0)
	t[limbCount+1] = c
}

// reduceRow adds u·P to t so its low word is zero, and shifts t down a word.
func reduceRow(t *[limbCount + 2]uint64) {
	u := t[0] * pInv
	hi, lo := bits.Mul64(u, pLimbs[0])
	_, c := bits.Add64(lo, t[0], 0)
	carry := hi + c
	for j := 1; j < limbCount; j++ {
		hi, lo = bits.Mul64(u, pLimbs[j])
		lo, c = bits.Add64(lo, t[j], 0)
		hi += c
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		t[j-1], carry = lo, hi
	}
	t[limbCount-1], c = bits.Add64(t[limbCount], carry, 0)
	t[limbCount] = t[limbCount+1] + c
}

// subtractIfNeeded sets z = t mod P for t < 2P, without branching.
func subtractIfNeeded(z *elem, t *[limbCount + 2]uint64) {
	var d elem
	var borrow uint64
	for j := 0; j < limbCount; j++ {
		d[j], borrow = bits.Sub64(t[j], pLimbs[j], borrow)
	}
	_, borrow = bits.Sub64(t[limbCount], 0, borrow)
	keep := -borrow // all ones when t < P
	for j := 0; j < limbCount; j++ {
		z[j] = t[j]&keep | d[j]&^keep
	}
}

// selectElem sets z = table[k] reading every entry, so memory access does
// not depend on the secret k.
func selectElem(z *elem, table []elem, k uint64) {
	*z = elem{}
	for i := range table {
		mask := -ctEqual(uint64(i), k)
		for j := range z {
			z[j] |= table[i][j] & mask
		}
	}
}

// ctEqual is 1 if x == y, else 0, without branching.
func ctEqual(x, y uint64) uint64 {
	d := x ^ y
	return 1 ^ ((d | -d) >> 63)
}

// mulConstTime returns a·b mod P for a, b in [0, P) in constant time, for
// products of factors that are secret on their own.
func mulConstTime(a, b *big.Int) *big.Int {
	ma, mb := toMont(a), toMont(b)
	var out elem
	montMul(&out, &ma, &mb)
	return fromMont(&out)
}
