package wire

import "math/big"

// CounterLen is the length of the top half of the AES-CTR counter.
const CounterLen = 8

// Data is a data message.
type Data struct {
	Header
	Flags                       byte
	SenderKeyID, RecipientKeyID uint32
	NextDH                      *big.Int
	Counter                     [CounterLen]byte
	Encrypted                   []byte
	MAC                         [MACLen]byte
	OldMACKeys                  []byte
	// Authenticated is set by Decode: the exact input bytes the MAC covers
	// (protocol version to the end of the encrypted message). Verify the MAC
	// over these, not over a re-marshal, so a non-minimal MPI cannot slip by.
	Authenticated []byte
}

// AuthenticatedPart encodes the part of the message the MAC covers.
func (m *Data) AuthenticatedPart() []byte {
	b := m.appendHeader(nil, TypeData)
	b = AppendByte(b, m.Flags)
	b = AppendInt(b, m.SenderKeyID)
	b = AppendInt(b, m.RecipientKeyID)
	b = AppendMPI(b, m.NextDH)
	b = append(b, m.Counter[:]...)
	return AppendData(b, m.Encrypted)
}

// Marshal encodes the message (ignoring Authenticated).
func (m *Data) Marshal() []byte {
	b := append(m.AuthenticatedPart(), m.MAC[:]...)
	return AppendData(b, m.OldMACKeys)
}

func readData(r *Reader, h Header, input []byte) (*Data, error) {
	m := &Data{Header: h}
	m.Flags = r.Byte("flags")
	m.SenderKeyID = r.Int("sender keyid")
	m.RecipientKeyID = r.Int("recipient keyid")
	m.NextDH = r.MPI("next DH public key")
	copy(m.Counter[:], r.Fixed(CounterLen, "counter"))
	m.Encrypted = r.Data("encrypted message")
	if r.Err() == nil {
		m.Authenticated = clone(input[:r.Offset()])
	}
	copy(m.MAC[:], r.Fixed(MACLen, "authenticator"))
	m.OldMACKeys = r.Data("old MAC keys")
	return m, r.Done()
}
