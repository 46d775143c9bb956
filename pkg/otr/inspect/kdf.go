package inspect

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// The key derivation of the spec's "Computing AES keys and MAC keys",
// restated here because pkg/otr keeps its own unexported (it is a few
// lines; the tests prove both agree with libotr's otr_sesskeys).

// secBytes is the shared secret as a minimal MPI.
func secBytes(s *big.Int) []byte { return wire.AppendMPI(nil, s) }

func h1(b byte, secbytes []byte) []byte {
	h := sha1.New()
	h.Write([]byte{b})
	h.Write(secbytes)
	return h.Sum(nil)
}

func h2(b byte, secbytes []byte) []byte {
	h := sha256.New()
	h.Write([]byte{b})
	h.Write(secbytes)
	return h.Sum(nil)
}

// MACKey is the MAC key belonging to an AES key: SHA-1 of it (otr_mackey).
func MACKey(aesKey []byte) []byte {
	sum := sha1.Sum(aesKey)
	return sum[:]
}

// aesCTR encrypts or decrypts with AES-128-CTR, the counter's top half
// given and the bottom half starting at zero. The key must be 16 bytes.
func aesCTR(key []byte, top []byte, data []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	var iv [16]byte
	copy(iv[:8], top)
	out := make([]byte, len(data))
	cipher.NewCTR(block, iv[:]).XORKeyStream(out, data)
	return out, nil
}

func hmacSHA1(key, data []byte) []byte {
	m := hmac.New(sha1.New, key)
	m.Write(data)
	return m.Sum(nil)
}

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
