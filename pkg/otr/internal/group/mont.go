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

// pLimbs (P), rr (R² mod P, for conversion into Montgomery form) and
// montOne (R mod P, the Montgomery form of 1) are compiled in
// (mont_consts.go): computing them took a division each at every start.

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

// mulAddRow adds a·w to t, four limbs per iteration (the compiler keeps
// the carry in a register across them).
func mulAddRow(t *[limbCount + 2]uint64, a *elem, w uint64) {
	var carry uint64
	for j := 0; j < limbCount; j += 4 {
		x, y := (*[4]uint64)(a[j:j+4]), (*[4]uint64)(t[j:j+4])
		y[0], carry = macc(x[0], w, y[0], carry)
		y[1], carry = macc(x[1], w, y[1], carry)
		y[2], carry = macc(x[2], w, y[2], carry)
		y[3], carry = macc(x[3], w, y[3], carry)
	}
	var c uint64
	t[limbCount], c = bits.Add64(t[limbCount], carry, 0)
	t[limbCount+1] = c
}

// macc returns the low and high words of x·y + t + c (which cannot
// overflow 128 bits).
func macc(x, y, t, c uint64) (lo, hi uint64) {
	hi, lo = bits.Mul64(x, y)
	var cc uint64
	lo, cc = bits.Add64(lo, t, 0)
	hi += cc
	lo, cc = bits.Add64(lo, c, 0)
	hi += cc
	return lo, hi
}

// reduceRow adds u·P to t so its low word is zero, and shifts t down a
// word. P ≡ -1 mod 2^64, so u = t[0]·(-P⁻¹) mod 2^64 is t[0] itself, and
// t[0] + u·p[0] = u·2^64: the first limb only carries u.
func reduceRow(t *[limbCount + 2]uint64) {
	u := t[0]
	carry := u
	var c uint64
	t[0], carry = macc(u, pLimbs[1], t[1], carry)
	t[1], carry = macc(u, pLimbs[2], t[2], carry)
	t[2], carry = macc(u, pLimbs[3], t[3], carry)
	for j := 4; j < limbCount; j += 4 {
		p, x, y := (*[4]uint64)(pLimbs[j:j+4]), (*[4]uint64)(t[j:j+4]), (*[4]uint64)(t[j-1:j+3])
		y[0], carry = macc(u, p[0], x[0], carry)
		y[1], carry = macc(u, p[1], x[1], carry)
		y[2], carry = macc(u, p[2], x[2], carry)
		y[3], carry = macc(u, p[3], x[3], carry)
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
// not depend on the secret k. It builds four words at a time in registers.
func selectElem(z *elem, table *[windowEntries]elem, k uint64) {
	var masks [windowEntries]uint64
	for i := range masks {
		masks[i] = -ctEqual(uint64(i), k)
	}
	for j := 0; j < limbCount; j += 4 {
		var w0, w1, w2, w3 uint64
		for i := range table {
			e, m := (*[4]uint64)(table[i][j:j+4]), masks[i]
			w0 |= e[0] & m
			w1 |= e[1] & m
			w2 |= e[2] & m
			w3 |= e[3] & m
		}
		z[j], z[j+1], z[j+2], z[j+3] = w0, w1, w2, w3
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
