package wire

import (
	"fmt"
	"math/big"
)

// Lengths the AKE fixes (libotr rejects other lengths too).
const (
	HashedGxLen    = 32 // SHA-256 of g^x
	RevealedKeyLen = 16 // AES-128 key r
	MACLen         = 20 // SHA256-HMAC-160 and SHA1-HMAC
)

// DHCommit is the first AKE message.
type DHCommit struct {
	Header
	EncryptedGx, HashedGx []byte
}

// DHKey is the second AKE message.
type DHKey struct {
	Header
	Gy *big.Int
}

// RevealSig is the third AKE message.
type RevealSig struct {
	Header
	Key, EncryptedSig []byte
	MAC               [MACLen]byte
}

// Sig is the last AKE message.
type Sig struct {
	Header
	EncryptedSig []byte
	MAC          [MACLen]byte
}

// Marshal encodes the message.
func (m *DHCommit) Marshal() []byte {
	b := m.appendHeader(nil, TypeDHCommit)
	b = AppendData(b, m.EncryptedGx)
	return AppendData(b, m.HashedGx)
}

// Marshal encodes the message.
func (m *DHKey) Marshal() []byte {
	return AppendMPI(m.appendHeader(nil, TypeDHKey), m.Gy)
}

// Marshal encodes the message.
func (m *RevealSig) Marshal() []byte {
	b := m.appendHeader(nil, TypeRevealSig)
	b = AppendData(b, m.Key)
	b = AppendData(b, m.EncryptedSig)
	return append(b, m.MAC[:]...)
}

// Marshal encodes the message.
func (m *Sig) Marshal() []byte {
	b := m.appendHeader(nil, TypeSig)
	b = AppendData(b, m.EncryptedSig)
	return append(b, m.MAC[:]...)
}

func readDHCommit(r *Reader, h Header) (*DHCommit, error) {
	m := &DHCommit{Header: h}
	m.EncryptedGx = r.Data("encrypted g^x")
	at := r.Offset()
	m.HashedGx = r.Data("hashed g^x")
	if r.Err() == nil && len(m.HashedGx) != HashedGxLen {
		return nil, fieldErr("hashed g^x", at, fmt.Sprintf("length %d, want %d", len(m.HashedGx), HashedGxLen))
	}
	return m, r.Done()
}

func readDHKey(r *Reader, h Header) (*DHKey, error) {
	m := &DHKey{Header: h, Gy: r.MPI("g^y")}
	return m, r.Done()
}

func readRevealSig(r *Reader, h Header) (*RevealSig, error) {
	m := &RevealSig{Header: h}
	at := r.Offset()
	m.Key = r.Data("revealed key")
	if r.Err() == nil && len(m.Key) != RevealedKeyLen {
		return nil, fieldErr("revealed key", at, fmt.Sprintf("length %d, want %d", len(m.Key), RevealedKeyLen))
	}
	m.EncryptedSig = r.Data("encrypted signature")
	copy(m.MAC[:], r.Fixed(MACLen, "signature MAC"))
	return m, r.Done()
}

func readSig(r *Reader, h Header) (*Sig, error) {
	m := &Sig{Header: h}
	m.EncryptedSig = r.Data("encrypted signature")
	copy(m.MAC[:], r.Fixed(MACLen, "signature MAC"))
	return m, r.Done()
}
