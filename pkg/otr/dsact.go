package otr

import (
	"errors"
	"fmt"
	"io"
	"math/big"

	"filippo.io/bigmod"
)

// The secret parts of DSA (x, and each signature's k) go only through
// filippo.io/bigmod, whose arithmetic takes time independent of the
// values: y = g^x, g^k, k⁻¹ (as k^(q-2), q being prime) and s. Only
// lengths (public: those of p and q) show in the timing. The public
// values p, q, g, y, r and the hash may go through math/big.

// dsaGroup is a key's p and q as bigmod moduli, and g as a value mod p.
type dsaGroup struct {
	p, q *bigmod.Modulus
	g    *bigmod.Nat
	qLen int // bytes of q: the length of x, k, r and s
}

// newDSAGroup prepares p, q and g, which must already be range-checked
// (odd p > g > 1, odd q).
func newDSAGroup(k *PublicKey) (*dsaGroup, error) {
	p, err := bigmod.NewModulus(k.P.Bytes())
	if err != nil || k.P.Bit(0) == 0 {
		return nil, fmt.Errorf("%w: p must be odd", ErrInvalidKey)
	}
	q, err := bigmod.NewModulus(k.Q.Bytes())
	if err != nil || k.Q.Bit(0) == 0 {
		return nil, fmt.Errorf("%w: q must be odd", ErrInvalidKey)
	}
	g, err := bigmod.NewNat().SetBytes(k.G.Bytes(), p)
	if err != nil {
		return nil, fmt.Errorf("%w: g out of range", ErrInvalidKey)
	}
	return &dsaGroup{p: p, q: q, g: g, qLen: q.Size()}, nil
}

// secretMod is x (0 < x < q) as a value mod q, read from fixed-length
// bytes so that its size never depends on its value.
func (d *dsaGroup) secretMod(x *big.Int) (*bigmod.Nat, error) {
	n, err := bigmod.NewNat().SetBytes(x.FillBytes(make([]byte, d.qLen)), d.q)
	if err != nil {
		return nil, fmt.Errorf("%w: x must be in (0, q)", ErrInvalidKey)
	}
	return n, nil
}

// expG is g^e mod p for a secret e < q, as a big.Int (the result is public).
func (d *dsaGroup) expG(e *bigmod.Nat) *big.Int {
	return new(big.Int).SetBytes(bigmod.NewNat().Exp(d.g, e.Bytes(d.q), d.p).Bytes(d.p))
}

// publicFor is y = g^x mod p, computed in constant time in x.
func (d *dsaGroup) publicFor(x *big.Int) (*big.Int, error) {
	xn, err := d.secretMod(x)
	if err != nil {
		return nil, err
	}
	return d.expG(xn), nil
}

// maxDraws bounds the redraws of a secret or a signature: an honest random
// source needs a second draw with probability about 2^-160.
const maxDraws = 8

// errBadRandom is the answer to a random source that keeps giving zeros.
var errBadRandom = errors.New("otr: the random source gave only degenerate values")

// randomSecret draws a uniform-looking value in [1, q): 64 more bits than
// q reduced mod q (bias below 2^-64), redrawn in the (2^-160) case of zero.
func (d *dsaGroup) randomSecret(r io.Reader) (*bigmod.Nat, error) {
	b := make([]byte, d.qLen+8)
	wide, err := bigmod.NewModulus(append([]byte{1}, make([]byte, len(b))...))
	if err != nil {
		return nil, err
	}
	for range maxDraws {
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("otr: reading randomness: %w", err)
		}
		n, err := bigmod.NewNat().SetBytes(b, wide)
		if err != nil {
			return nil, err
		}
		if s := bigmod.NewNat().Mod(n, d.q); s.IsZero() == 0 {
			clear(b)
			return s, nil
		}
	}
	return nil, errBadRandom
}

// sign makes a DSA signature (r, s) of the hash h with secret x:
// r = (g^k mod p) mod q, s = k⁻¹·(h + x·r) mod q.
func (d *dsaGroup) sign(rnd io.Reader, x *big.Int, h []byte) (r, s []byte, err error) {
	xn, err := d.secretMod(x)
	if err != nil {
		return nil, nil, err
	}
	hn, err := d.hashMod(h)
	if err != nil {
		return nil, nil, err
	}
	qMinus2 := new(big.Int).Sub(new(big.Int).SetBytes(d.q.Nat().Bytes(d.q)), big.NewInt(2))
	for range maxDraws {
		k, err := d.randomSecret(rnd)
		if err != nil {
			return nil, nil, err
		}
		gk := bigmod.NewNat().Exp(d.g, k.Bytes(d.q), d.p)
		rn := bigmod.NewNat().Mod(gk, d.q)
		kInv := bigmod.NewNat().Exp(k, qMinus2.FillBytes(make([]byte, d.qLen)), d.q)
		sn := bigmod.NewNat().Mod(xn, d.q).Mul(rn, d.q).Add(hn, d.q).Mul(kInv, d.q)
		if rn.IsZero() == 0 && sn.IsZero() == 0 {
			return rn.Bytes(d.q), sn.Bytes(d.q), nil
		}
	}
	return nil, nil, errBadRandom
}

// hashMod is the value h, as a whole number, reduced mod q. libotr (its
// libgcrypt "raw" data) and crypto/dsa both take the whole 32-byte value
// rather than FIPS 186's leftmost bits, so we do too.
func (d *dsaGroup) hashMod(h []byte) (*bigmod.Nat, error) {
	wide, err := bigmod.NewModulus(append([]byte{1}, make([]byte, len(h))...))
	if err != nil {
		return nil, err
	}
	n, err := bigmod.NewNat().SetBytes(h, wide)
	if err != nil {
		return nil, err
	}
	return bigmod.NewNat().Mod(n, d.q), nil
}
