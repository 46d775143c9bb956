package smp

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"hash"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// hashMPIs is the spec's SMP hash: SHA-256 of a version byte and one or
// two MPIs (b may be nil), read back as a number like libotr does.
func hashMPIs(version byte, a, b *big.Int) *big.Int {
	h := sha256.New()
	h.Write([]byte{version})
	writeMPI(h, a)
	if b != nil {
		writeMPI(h, b)
	}
	return new(big.Int).SetBytes(h.Sum(nil))
}

// writeMPI writes x as an OTR MPI: 4-byte length, then minimal big-endian bytes.
func writeMPI(h hash.Hash, x *big.Int) {
	b := x.Bytes()
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	h.Write(n[:])
	h.Write(b)
}

// sameHash compares a recomputed challenge with the received one in
// constant time, as fixed-width encodings (the received one is range-checked
// below q; anything wider than the group cannot match).
func sameHash(computed, received *big.Int) bool {
	if received.BitLen() > 8*group.Size || computed.BitLen() > 8*group.Size {
		return false
	}
	a := computed.FillBytes(make([]byte, group.Size))
	b := received.FillBytes(make([]byte, group.Size))
	return subtle.ConstantTimeCompare(a, b) == 1
}
