package otr

import (
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/group"
	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// Helpers that let the hostile peer build otherwise valid messages: data
// messages sealed with the keys the victim will check them with, and D-H
// Commits for any value.

// badElements are D-H values the spec forbids (valid ones are 2..p-2).
func badElements() map[string]*big.Int {
	one := big.NewInt(1)
	return map[string]*big.Int{
		"0":       big.NewInt(0),
		"1":       one,
		"p-1":     new(big.Int).Sub(group.P, one),
		"p":       new(big.Int).Set(group.P),
		"p+1":     new(big.Int).Add(group.P, one),
		"2^1536":  new(big.Int).Lsh(one, 1536),
		"2^12000": new(big.Int).Lsh(one, 12000),
	}
}

// edgeElements are the extreme valid values.
func edgeElements() map[string]*big.Int {
	return map[string]*big.Int{"2": big.NewInt(2), "p-2": new(big.Int).Set(group.PMinus2)}
}

// dataTemplate decodes the peer's honest data message of the fixture.
func (f *fixture) dataTemplate(t testing.TB) *wire.Data {
	t.Helper()
	m, ok := decodeLine(t, f.send(t, "template")).(*wire.Data)
	if !ok {
		t.Fatal("not a data message")
	}
	return m
}

// seal encrypts plain into m and MACs it with the keys the victim holds
// for m's key ids, so only the field under test is wrong. Unknown key ids
// leave m's MAC as it is.
func (f *fixture) seal(m *wire.Data, plain []byte) string {
	keys := f.victim.State.Keys.clone()
	if s, err := keys.sessionKeys(m.RecipientKeyID, m.SenderKeyID); err == nil {
		m.Encrypted = aesCTR(s.RecvAES, m.Counter, plain)
		copy(m.MAC[:], kdf.HMACSHA1(s.RecvMAC, m.AuthenticatedPart()))
	}
	return encode(m)
}

// victimCounter is the last counter the victim accepted on m's keys.
func (f *fixture) victimCounter(m *wire.Data) uint64 {
	keys := f.victim.State.Keys.clone()
	s, err := keys.sessionKeys(m.RecipientKeyID, m.SenderKeyID)
	if err != nil {
		return 0
	}
	return s.RecvCounter
}

// commitFor builds a D-H Commit hiding gxMPI (the MPI bytes of g^x, or
// anything else) under a fresh r, which it returns for the Reveal Signature.
func (f *fixture) commitFor(t testing.TB, gxMPI []byte) (line string, r []byte) {
	t.Helper()
	r = make([]byte, 16)
	if _, err := rand.Read(r); err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(gxMPI)
	m := &wire.DHCommit{Header: f.peer.header(f.version, typeDHCommit, 0), EncryptedGx: aesCTR(r, [8]byte{}, gxMPI), HashedGx: h[:]}
	return encode(m), r
}

// revealSig builds a Reveal Signature revealing r, with a junk signature.
func (f *fixture) revealSig(r []byte) string {
	m := &wire.RevealSig{Header: f.peer.header(f.version, typeRevealSig, victimTag), Key: r, EncryptedSig: make([]byte, 500)}
	return encode(m)
}
