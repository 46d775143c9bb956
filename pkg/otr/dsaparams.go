package otr

import (
	"fmt"
	"io"
	"math/big"
)

// DSA domain parameters of FIPS 186's smallest size, the one libotr makes:
// a 1024-bit p, a 160-bit q dividing p-1, and g of order q.
//
// The parameters are public, so the search for them may take variable
// time: q is a random 160-bit prime; p is the first prime among the
// candidates p0 + i·2q (i = 0, 1, …; each ≡ 1 mod 2q) after a random
// 1024-bit start p0. A window of candidates is sieved by every odd prime
// below sieveLimit before any exponentiation, the survivors get a base-2
// Fermat test (one exponentiation, which throws out nearly every
// composite), and the first to pass gets the full probable-prime test.
const (
	dsaPBits = 1024
	dsaQBits = 160

	sieveWindow = 4096    // candidates sieved at once (~11 primes expected)
	sieveLimit  = 1 << 16 // odd primes below this sieve the window
	maxWindows  = 64      // give up (a broken random source) after this many

	// Miller–Rabin rounds with random bases on top of the Baillie–PSW test
	// that big.Int.ProbablyPrime always runs: FIPS 186-4 (table C.1) asks
	// for 3 rounds plus a Lucas test for a 1024-bit p, 19 for a 160-bit q.
	pRounds = 3
	qRounds = 19
)

// generateParameters makes fresh DSA-1024/160 domain parameters.
func generateParameters(r io.Reader) (p, q, g *big.Int, err error) {
	if q, err = randomQ(r); err != nil {
		return nil, nil, nil, err
	}
	if p, err = searchP(r, q); err != nil {
		return nil, nil, nil, err
	}
	return p, q, generator(p, q), nil
}

// randomQ draws random 160-bit odd numbers until one is prime.
func randomQ(r io.Reader) (*big.Int, error) {
	b := make([]byte, dsaQBits/8)
	q := new(big.Int)
	for {
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("otr: reading randomness: %w", err)
		}
		b[0] |= 0x80
		b[len(b)-1] |= 1
		if q.SetBytes(b).ProbablyPrime(qRounds) {
			return q, nil
		}
	}
}

// searchP finds a 1024-bit prime p ≡ 1 mod 2q.
func searchP(r io.Reader, q *big.Int) (*big.Int, error) {
	twoQ := new(big.Int).Lsh(q, 1)
	b := make([]byte, dsaPBits/8)
	for range maxWindows {
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("otr: reading randomness: %w", err)
		}
		b[0] |= 0x80
		p0 := firstCandidate(new(big.Int).SetBytes(b), twoQ)
		if p := scanWindow(p0, twoQ); p != nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("otr: no DSA prime found in %d windows (is the random source broken?)", maxWindows)
}

// firstCandidate is the least value ≡ 1 mod 2q not below x, when the whole
// window after it still has dsaPBits bits (else nil).
func firstCandidate(x, twoQ *big.Int) *big.Int {
	p0 := new(big.Int).Mod(x, twoQ)
	p0.Sub(x, p0).Add(p0, big.NewInt(1))
	if p0.Cmp(x) < 0 {
		p0.Add(p0, twoQ)
	}
	last := new(big.Int).Mul(twoQ, big.NewInt(sieveWindow-1))
	if p0.BitLen() != dsaPBits || last.Add(last, p0).BitLen() != dsaPBits {
		return nil
	}
	return p0
}

// scanWindow returns the first prime p0 + i·2q for i < sieveWindow, or nil.
func scanWindow(p0, twoQ *big.Int) *big.Int {
	if p0 == nil {
		return nil
	}
	composite := sieve(p0, twoQ)
	c, pm1 := new(big.Int), new(big.Int)
	step := new(big.Int)
	for i, out := range composite {
		if out {
			continue
		}
		c.Add(p0, step.Mul(twoQ, big.NewInt(int64(i))))
		if !fermat2(c, pm1) || !c.ProbablyPrime(pRounds) {
			continue
		}
		return c
	}
	return nil
}

// fermat2 reports whether 2^(c-1) ≡ 1 mod c; scratch is reused.
func fermat2(c, scratch *big.Int) bool {
	scratch.Sub(c, big.NewInt(1))
	return scratch.Exp(big.NewInt(2), scratch, c).IsInt64() && scratch.Int64() == 1
}

// generator is g = h^((p-1)/q) mod p for the least h ≥ 2 giving g ≠ 1, an
// element of order q (FIPS 186's unverifiable generation of g).
func generator(p, q *big.Int) *big.Int {
	e := new(big.Int).Sub(p, big.NewInt(1))
	e.Quo(e, q)
	g := new(big.Int)
	for h := int64(2); ; h++ {
		if g.Exp(big.NewInt(h), e, p).Cmp(big.NewInt(1)) != 0 {
			return g
		}
	}
}
