package otr

import (
	"fmt"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// dhPrivateBits is the length of our D-H secrets; the spec asks for at
// least 320 bits, and libotr uses exactly that.
const dhPrivateBits = 320

// newDHPair makes a fresh D-H key pair.
func (c *Conversation) newDHPair() (DHPair, error) {
	x, err := group.RandomExponent(c.Config.rand(), dhPrivateBits)
	if err != nil {
		return DHPair{}, fmt.Errorf("otr: reading randomness: %w", err)
	}
	return DHPair{Private: x, Public: group.ExpG(x).Bytes()}, nil
}

// dh computes their^our mod p; their must already be range-checked.
func dh(their, our []byte) *big.Int {
	return group.Exp(new(big.Int).SetBytes(their), our)
}

// checkGroupElement rejects D-H values outside 2..p-2.
func checkGroupElement(name string, v *big.Int) error {
	if !group.InRange(v) {
		return fmt.Errorf("%w: %s", ErrBadGroupElement, name)
	}
	return nil
}
