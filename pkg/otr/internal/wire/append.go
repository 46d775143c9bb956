package wire

import (
	"encoding/binary"
	"math/big"
)

// AppendByte appends a BYTE.
func AppendByte(b []byte, v byte) []byte { return append(b, v) }

// AppendShort appends a big-endian SHORT.
func AppendShort(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }

// AppendInt appends a big-endian INT.
func AppendInt(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }

// AppendMPI appends n as an MPI in minimal encoding (no leading zero bytes;
// zero, and nil, encode as length 0). n must not be negative.
func AppendMPI(b []byte, n *big.Int) []byte {
	if n == nil {
		return AppendInt(b, 0)
	}
	size := (n.BitLen() + 7) / 8
	b = AppendInt(b, uint32(size))
	start := len(b)
	b = append(b, make([]byte, size)...)
	n.FillBytes(b[start:])
	return b
}

// AppendData appends d as DATA (INT length, then the bytes).
func AppendData(b []byte, d []byte) []byte {
	b = AppendInt(b, uint32(len(d)))
	return append(b, d...)
}
