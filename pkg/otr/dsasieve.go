package otr

import (
	"math/big"
	"math/bits"
	"sync"
)

// primeBatch is a run of small primes whose product fits in 64 bits, so
// one pass over a big number's words gives its residues modulo all of them.
type primeBatch struct {
	product uint64
	primes  []uint64
}

// sievePrimes are the odd primes below sieveLimit in batches.
var sievePrimes = sync.OnceValue(func() []primeBatch {
	notPrime := make([]bool, sieveLimit)
	var batches []primeBatch
	cur := primeBatch{product: 1}
	for n := 3; n < sieveLimit; n += 2 {
		if notPrime[n] {
			continue
		}
		for m := n * n; m < sieveLimit; m += 2 * n {
			notPrime[m] = true
		}
		if hi, _ := bits.Mul64(cur.product, uint64(n)); hi != 0 {
			batches = append(batches, cur)
			cur = primeBatch{product: 1}
		}
		cur.product *= uint64(n)
		cur.primes = append(cur.primes, uint64(n))
	}
	return append(batches, cur)
})

// sieve marks the i < sieveWindow for which p0 + i·twoQ has a small odd
// prime factor. Every candidate is odd (p0 is, twoQ is even).
func sieve(p0, twoQ *big.Int) []bool {
	composite := make([]bool, sieveWindow)
	for _, batch := range sievePrimes() {
		a, b := remWords(p0, batch.product), remWords(twoQ, batch.product)
		for _, s := range batch.primes {
			// p0 + i·twoQ ≡ 0 (mod s) ⇔ i ≡ -p0·twoQ⁻¹ (mod s); twoQ is
			// invertible as q is a prime far larger than s.
			i := (s - a%s) % s * invMod(b%s, s) % s
			for ; i < sieveWindow; i += s {
				composite[i] = true
			}
		}
	}
	return composite
}

// remWords is x mod m for a non-negative x.
func remWords(x *big.Int, m uint64) uint64 {
	words := x.Bits()
	var r uint64
	for i := len(words) - 1; i >= 0; i-- {
		w := uint64(words[i])
		if bits.UintSize == 32 {
			r = bits.Rem64(r>>32, r<<32|w, m)
		} else {
			r = bits.Rem64(r, w, m)
		}
	}
	return r
}

// invMod is a⁻¹ mod m for 0 < a < m, gcd(a, m) = 1 (extended Euclid).
func invMod(a, m uint64) uint64 {
	t, newT := int64(0), int64(1)
	r, newR := int64(m), int64(a)
	for newR != 0 {
		quo := r / newR
		t, newT = newT, t-quo*newT
		r, newR = newR, r-quo*newR
	}
	if t < 0 {
		t += int64(m)
	}
	return uint64(t)
}
