package otr

import (
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"errors"
	"hash"
)

// appendMDPadding appends SHA-1's and SHA-256's padding (0x80, zeros, the
// length in bits) for a message of total bytes to b, whose length must be
// total modulo 64: b then ends on a block boundary.
func appendMDPadding(b []byte, total int) []byte {
	b = append(b, 0x80)
	zeros := (2*64 - 8 - len(b)%64) % 64
	b = append(b, make([]byte, zeros)...)
	return binary.BigEndian.AppendUint64(b, uint64(total)*8)
}

// savedDigest reads a hash's result out of its saved state, once its
// padding is in: the chaining values follow a 4-byte format tag in
// crypto/sha1's and crypto/sha256's layout. Callers check the result
// against a known digest once before relying on it.
func savedDigest(h encoding.BinaryAppender, scratch []byte, size int) (state, digest []byte, err error) {
	st, err := h.AppendBinary(scratch[:0])
	if err != nil || len(st) < 4+size {
		return scratch, nil, errors.New("otr: unexpected hash state")
	}
	return st, st[4 : 4+size], nil
}

type appendHash interface {
	hash.Hash
	encoding.BinaryAppender
}

// idHasher is SHA-256 for message ids without Sum256's copies: the input
// and its padding are written as whole blocks from one reused buffer and
// the digest read from the saved state. Checked against sha256.Sum256 on
// first use; if the two ever differed, Sum256 does the work.
type idHasher struct {
	h          appendHash
	ready      bool
	pad, state []byte
}

func (x *idHasher) sum256(b []byte) [sha256.Size]byte {
	if !x.ready {
		x.init()
	}
	if x.h != nil {
		if sum, err := x.fastSum(b); err == nil {
			return sum
		}
	}
	return sha256.Sum256(b)
}

func (x *idHasher) init() {
	x.ready = true
	h, ok := sha256.New().(appendHash)
	if !ok {
		return
	}
	x.h = h
	var probe [100]byte
	for i := range probe {
		probe[i] = byte(i)
	}
	if sum, err := x.fastSum(probe[:]); err != nil || sum != sha256.Sum256(probe[:]) {
		x.h = nil
	}
}

func (x *idHasher) fastSum(b []byte) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	x.h.Reset()
	x.pad = appendMDPadding(append(x.pad[:0], b...), len(b))
	x.h.Write(x.pad)
	st, d, err := savedDigest(x.h, x.state, sha256.Size)
	x.state = st
	copy(sum[:], d)
	return sum, err
}
