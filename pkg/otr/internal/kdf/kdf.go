// Package kdf holds OTR's key-derivation and symmetric primitives, shared
// by the protocol (pkg/otr) and the debugging tools (pkg/otr/inspect): the
// spec's secbytes, h1 and h2, AES-128-CTR with a top-half counter, and the
// HMACs.
package kdf

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// SecBytes is the spec's "secbytes": a shared secret as a minimal MPI.
func SecBytes(s *big.Int) []byte { return wire.AppendMPI(nil, s) }

// H1 is SHA-1 of the byte b followed by secbytes.
func H1(b byte, secbytes []byte) []byte {
	h := sha1.New()
	h.Write([]byte{b})
	h.Write(secbytes)
	return h.Sum(nil)
}

// H2 is SHA-256 of the byte b followed by secbytes.
func H2(b byte, secbytes []byte) []byte {
	h := sha256.New()
	h.Write([]byte{b})
	h.Write(secbytes)
	return h.Sum(nil)
}

// MACKey is the data-message MAC key that belongs to an AES key: its SHA-1.
func MACKey(aesKey []byte) []byte {
	sum := sha1.Sum(aesKey)
	return sum[:]
}

// AESCTR encrypts or decrypts data with AES-128 in counter mode; the
// counter's top half is given (at most 8 bytes) and its bottom half starts
// at zero. It fails only for a key of the wrong size.
func AESCTR(key, topHalf, data []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	var iv [16]byte
	copy(iv[:8], topHalf)
	out := make([]byte, len(data))
	cipher.NewCTR(block, iv[:]).XORKeyStream(out, data)
	return out, nil
}

// CTRScratch is the working memory of XORKeyStreamCTR: the counter block
// and ctrBatch blocks of key stream. Keeping it with the cipher (rather
// than on the stack, from where a call through the cipher.Block interface
// would move it to the heap) makes encryption allocation-free.
type CTRScratch [(1 + ctrBatch) * aes.BlockSize]byte

// ctrBatch is how many blocks of key stream are made before one XOR: four
// cover a short chat message (up to 64 bytes) with one call to XORBytes.
const ctrBatch = 4

// XORKeyStreamCTR is AES-CTR with a prepared cipher: dst = src XOR the
// key stream of the counter whose top half is given and whose bottom half
// starts at zero. dst and src may be the same slice (dst must be at least
// as long as src).
func XORKeyStreamCTR(block cipher.Block, topHalf [8]byte, dst, src []byte, scratch *CTRScratch) {
	ctr, stream := scratch[:aes.BlockSize], scratch[aes.BlockSize:]
	copy(ctr[:8], topHalf[:])
	var i uint64
	for len(src) > 0 {
		k := 0
		for ; k < len(stream) && k < len(src); k, i = k+aes.BlockSize, i+1 {
			binary.BigEndian.PutUint64(ctr[8:], i)
			block.Encrypt(stream[k:k+aes.BlockSize], ctr)
		}
		n := subtle.XORBytes(dst, src, stream[:k])
		dst, src = dst[n:], src[n:]
	}
	clear(scratch[:])
}

// HMACSHA256 is the SHA256-HMAC of the concatenated parts.
func HMACSHA256(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// HMACSHA1 is the SHA1-HMAC of data.
func HMACSHA1(key, data []byte) []byte {
	m := hmac.New(sha1.New, key)
	m.Write(data)
	return m.Sum(nil)
}
