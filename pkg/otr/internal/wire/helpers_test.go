package wire

import (
	"bytes"
	"math/big"
)

// seq returns n bytes counting up from start, recognisable in dumps.
func seq(start byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = start + byte(i)
	}
	return b
}

func mac(start byte) (m [MACLen]byte) {
	copy(m[:], seq(start, MACLen))
	return m
}

func bigFrom(b []byte) *big.Int { return new(big.Int).SetBytes(b) }

// sampleMessages returns one valid message of every type for v2 and v3.
func sampleMessages() []Message {
	var out []Message
	for _, h := range []Header{{Version: 2}, {Version: 3, SenderTag: 0x12345678, ReceiverTag: 0x9abcdef0}} {
		out = append(out,
			&DHCommit{Header: withType(h, TypeDHCommit), EncryptedGx: seq(1, 196), HashedGx: seq(7, 32)},
			&DHKey{Header: withType(h, TypeDHKey), Gy: bigFrom(seq(0x80, 192))},
			&RevealSig{Header: withType(h, TypeRevealSig), Key: seq(3, 16), EncryptedSig: seq(9, 500), MAC: mac(0xa0)},
			&Sig{Header: withType(h, TypeSig), EncryptedSig: seq(11, 480), MAC: mac(0xb0)},
			&Data{Header: withType(h, TypeData), Flags: FlagIgnoreUnreadable, SenderKeyID: 1, RecipientKeyID: 2,
				NextDH: bigFrom(seq(0x90, 192)), Counter: [8]byte{0, 0, 0, 0, 0, 0, 0, 1},
				Encrypted: []byte("ciphertext"), MAC: mac(0xc0), OldMACKeys: seq(0x40, 40)},
		)
	}
	return out
}

func withType(h Header, t byte) Header {
	h.Type = t
	return h
}

// sameMessage compares two messages by their encodings.
func sameMessage(a, b Message) bool {
	return *a.Hdr() == *b.Hdr() && bytes.Equal(a.Marshal(), b.Marshal())
}
