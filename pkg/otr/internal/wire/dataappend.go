package wire

import (
	"errors"
	"math/big"
)

// AppendDataHead appends the start of a data message, up to and including
// the length of the encrypted message (encLen bytes, to be appended next):
// header, flags, key ids, the next D-H public key (big-endian bytes,
// written as a minimal MPI), the counter. It encodes exactly what
// Data.AuthenticatedPart does, without building a Data or a big.Int.
func AppendDataHead(b []byte, h Header, flags byte, senderKeyID, recipientKeyID uint32, nextDH []byte, ctr [CounterLen]byte, encLen int) []byte {
	for len(nextDH) > 0 && nextDH[0] == 0 {
		nextDH = nextDH[1:]
	}
	b = h.appendHeader(b, TypeData)
	b = AppendByte(b, flags)
	b = AppendInt(b, senderKeyID)
	b = AppendInt(b, recipientKeyID)
	b = AppendInt(b, uint32(len(nextDH)))
	b = append(b, nextDH...)
	b = append(b, ctr[:]...)
	return AppendInt(b, uint32(encLen))
}

// ErrNotData is DecodeDataInto's answer to a message of another type.
var ErrNotData = errors.New("not a data message")

// DecodeDataInto is Decode for a data message, into m, so that a receiver
// can reuse one Data and the memory of its NextDH for every message. Every
// field is set afresh; Encrypted and OldMACKeys are new copies, and
// Authenticated is a view of b, as Decode makes them.
func DecodeDataInto(b []byte, m *Data) error { return decodeDataInto(b, m, false) }

// DecodeDataView is DecodeDataInto with Encrypted a view of b, not a copy:
// valid while b is, and writing to it writes to b (a receiver decrypting
// in place a buffer it owns copies nothing).
func DecodeDataView(b []byte, m *Data) error { return decodeDataInto(b, m, true) }

func decodeDataInto(b []byte, m *Data, view bool) error {
	r := NewReader(b)
	h, err := readHeader(r)
	if err != nil {
		return err
	}
	if h.Type != TypeData {
		return ErrNotData
	}
	next := m.NextDH
	if next == nil {
		next = new(big.Int)
	}
	*m = Data{Header: h, keptDH: m.keptDH}
	return readDataInto(r, m, b, next, view)
}
