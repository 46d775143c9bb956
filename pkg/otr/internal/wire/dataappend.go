package wire

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
