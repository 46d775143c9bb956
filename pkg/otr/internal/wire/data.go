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
	// (protocol version to the end of the encrypted message), a view of
	// Decode's input (not a copy: valid while the input is). Verify the MAC
	// over these, not over a re-marshal, so a non-minimal MPI cannot slip by.
	Authenticated []byte

	// keptDH is what DecodeDataView last set NextDH from, so the next
	// message with the same key (every message under keys that stay put)
	// skips parsing it again.
	keptDH keptMPI
}

// AuthenticatedPart encodes the part of the message the MAC covers, with
// room left to append the rest (see AppendTail).
func (m *Data) AuthenticatedPart() []byte {
	size := 11 + 9 + 4 + (m.NextDH.BitLen()+7)/8 + CounterLen + 4 + len(m.Encrypted) + MACLen + 4 + len(m.OldMACKeys)
	b := m.appendHeader(make([]byte, 0, size), TypeData)
	b = AppendByte(b, m.Flags)
	b = AppendInt(b, m.SenderKeyID)
	b = AppendInt(b, m.RecipientKeyID)
	b = AppendMPI(b, m.NextDH)
	b = append(b, m.Counter[:]...)
	return AppendData(b, m.Encrypted)
}

// Marshal encodes the message (ignoring Authenticated).
func (m *Data) Marshal() []byte { return m.AppendTail(m.AuthenticatedPart()) }

// AppendTail appends what follows the authenticated part (the MAC and the
// old MAC keys), so a sender can MAC the part and finish the message
// without encoding it twice.
func (m *Data) AppendTail(authenticated []byte) []byte {
	return AppendData(append(authenticated, m.MAC[:]...), m.OldMACKeys)
}

func readData(r *Reader, h Header, input []byte) (*Data, error) {
	m := &Data{Header: h}
	return m, readDataInto(r, m, input, new(big.Int), false)
}

// readDataInto reads a data message's body into m (which holds the
// header), the next D-H key into next. With view, Encrypted is a view of
// input instead of a copy.
func readDataInto(r *Reader, m *Data, input []byte, next *big.Int, view bool) error {
	m.Flags = r.Byte("flags")
	m.SenderKeyID = r.Int("sender keyid")
	m.RecipientKeyID = r.Int("recipient keyid")
	if view {
		m.NextDH = r.mpiKept(next, &m.keptDH, "next DH public key")
	} else {
		m.NextDH = r.mpiInto(next, "next DH public key")
	}
	copy(m.Counter[:], r.take(CounterLen, "counter"))
	enc := r.lengthPrefixed("encrypted message")
	if r.Err() == nil {
		// The MAC'd bytes are a view of the input, used at once; the
		// ciphertext is the message's own copy (decrypted in place)
		// unless the caller asked for a view.
		m.Authenticated = input[:r.Offset():r.Offset()]
		m.Encrypted = enc
		if !view {
			m.Encrypted = clone(enc)
		}
	}
	copy(m.MAC[:], r.take(MACLen, "authenticator"))
	m.OldMACKeys = r.Data("old MAC keys")
	return r.Done()
}
