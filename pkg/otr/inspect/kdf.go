package inspect

import (
	"crypto/hmac"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
	"github.com/otrtool/otr/pkg/otr/internal/kdf"
)

// macEqual compares MACs in constant time.
func macEqual(a, b []byte) bool { return hmac.Equal(a, b) }

// sharedSecret is their^our mod p, refusing values outside 2..p-2.
func sharedSecret(ourPriv, theirPub []byte) (*big.Int, error) {
	their := new(big.Int).SetBytes(theirPub)
	if !group.InRange(their) {
		return nil, ErrBadPublicKey
	}
	return group.Exp(their, ourPriv), nil
}

// MACKey is the MAC key belonging to an AES key, as otr_mackey prints it.
func MACKey(aesKey []byte) []byte { return kdf.MACKey(aesKey) }
