package otr

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// The AKE's message types.
const (
	typeDHCommit  = 0x02
	typeData      = 0x03
	typeDHKey     = 0x0a
	typeRevealSig = 0x11
	typeSig       = 0x12
)

// header builds the header of an outgoing message of the given version.
func (c *Conversation) header(version int, typ byte, theirTag uint32) wire.Header {
	h := wire.Header{Version: uint16(version), Type: typ}
	if version == 3 {
		h.SenderTag, h.ReceiverTag = c.Config.InstanceTag, theirTag
	}
	return h
}

// startAKE sends a D-H Commit message and awaits the D-H Key.
func (c *Conversation) startAKE(version int, res *Result) error {
	if c.Config.PrivateKey == nil {
		return ErrNoKey
	}
	pair, err := c.newDHPair()
	if err != nil {
		return err
	}
	r, err := group.RandomExponent(c.Config.rand(), 128)
	if err != nil {
		return err
	}
	gxMPI := wire.AppendMPI(nil, new(big.Int).SetBytes(pair.Public))
	hashed := sha256.Sum256(gxMPI)
	msg := &wire.DHCommit{
		Header:      c.header(version, typeDHCommit, 0),
		EncryptedGx: aesCTR(r, [8]byte{}, gxMPI),
		HashedGx:    hashed[:],
	}
	line := wire.EncodeMessage(msg.Marshal())
	c.State.AKE = AKEState{
		State: AuthAwaitingDHKey, Version: version,
		OurPrivate: pair.Private, OurPublic: pair.Public,
		R: r, OurHashedGx: hashed[:], LastMessage: line,
	}
	return c.sendAKE(line, version, 0, res)
}

// sendAKE delivers an AKE message, fragmented if the network needs it.
func (c *Conversation) sendAKE(line string, version int, theirTag uint32, res *Result) error {
	lines, err := c.fragment(line, version, theirTag)
	if err != nil {
		return err
	}
	debugAKESent(res, line)
	res.send(lines...)
	return nil
}

// receiveDHCommit is the spec's "Receiving a D-H Commit Message".
func (c *Conversation) receiveDHCommit(m *wire.DHCommit, res *Result) error {
	ake := &c.State.AKE
	version := int(m.Version)
	switch ake.State {
	case AuthAwaitingDHKey:
		// Both sides sent a commit: the higher hash wins.
		if bytes.Compare(ake.OurHashedGx, m.HashedGx) > 0 {
			res.event(Event{Kind: EventDebug, Text: "AKE collision: ours wins, resending our D-H Commit"})
			return c.sendAKE(ake.LastMessage, ake.Version, 0, res)
		}
	case AuthAwaitingRevealSig:
		// Keep our D-H key, take their new commit, resend the same D-H Key.
		ake.TheirEncryptedGx, ake.TheirHashedGx = m.EncryptedGx, m.HashedGx
		ake.TheirInstance, ake.Version = m.SenderTag, version
		return c.sendAKE(ake.LastMessage, version, m.SenderTag, res)
	}
	return c.replyDHKey(m, res)
}

// replyDHKey answers a commit with a fresh D-H Key message.
func (c *Conversation) replyDHKey(m *wire.DHCommit, res *Result) error {
	if c.Config.PrivateKey == nil {
		return ErrNoKey
	}
	pair, err := c.newDHPair()
	if err != nil {
		return err
	}
	version := int(m.Version)
	msg := &wire.DHKey{Header: c.header(version, typeDHKey, m.SenderTag), Gy: new(big.Int).SetBytes(pair.Public)}
	line := wire.EncodeMessage(msg.Marshal())
	c.State.AKE = AKEState{
		State: AuthAwaitingRevealSig, Version: version, TheirInstance: m.SenderTag,
		OurPrivate: pair.Private, OurPublic: pair.Public,
		TheirEncryptedGx: m.EncryptedGx, TheirHashedGx: m.HashedGx, LastMessage: line,
	}
	return c.sendAKE(line, version, m.SenderTag, res)
}

// receiveDHKey is the spec's "Receiving a D-H Key Message".
func (c *Conversation) receiveDHKey(m *wire.DHKey, res *Result) error {
	ake := &c.State.AKE
	switch {
	case ake.State == AuthAwaitingSig && bytes.Equal(ake.TheirPublic, m.Gy.Bytes()) && ake.TheirInstance == m.SenderTag:
		return c.sendAKE(ake.LastMessage, ake.Version, ake.TheirInstance, res)
	case ake.State != AuthAwaitingDHKey || int(m.Version) != ake.Version:
		res.event(Event{Kind: EventDebug, Text: fmt.Sprintf("ignoring a D-H Key message in AKE state %s", ake.State)})
		return nil
	}
	if err := checkGroupElement("D-H Key g^y", m.Gy); err != nil {
		return err
	}
	keys := deriveAKEKeys(dh(m.Gy.Bytes(), ake.OurPrivate))
	sig, err := c.encryptedSignature(keys.c, keys.m1, keys.m2, ake.OurPublic, m.Gy.Bytes())
	if err != nil {
		return err
	}
	msg := &wire.RevealSig{Header: c.header(ake.Version, typeRevealSig, m.SenderTag), Key: ake.R, EncryptedSig: sig.encrypted, MAC: sig.mac}
	line := wire.EncodeMessage(msg.Marshal())
	ake.State, ake.TheirPublic, ake.TheirInstance, ake.LastMessage = AuthAwaitingSig, m.Gy.Bytes(), m.SenderTag, line
	return c.sendAKE(line, ake.Version, m.SenderTag, res)
}

// receiveRevealSig is the spec's "Receiving a Reveal Signature Message".
func (c *Conversation) receiveRevealSig(m *wire.RevealSig, res *Result) error {
	ake := c.State.AKE
	if ake.State != AuthAwaitingRevealSig || int(m.Version) != ake.Version || m.SenderTag != ake.TheirInstance {
		res.event(Event{Kind: EventDebug, Text: fmt.Sprintf("ignoring a Reveal Signature message in AKE state %s", ake.State)})
		return nil
	}
	gx, err := revealGx(m.Key, ake.TheirEncryptedGx, ake.TheirHashedGx)
	if err != nil {
		return err
	}
	keys := deriveAKEKeys(dh(gx.Bytes(), ake.OurPrivate))
	pub, keyID, err := c.verifySignature(keys.c, keys.m1, keys.m2, m.EncryptedSig, m.MAC, gx.Bytes(), ake.OurPublic)
	if err != nil {
		return err
	}
	sig, err := c.encryptedSignature(keys.cPrime, keys.m1p, keys.m2p, ake.OurPublic, gx.Bytes())
	if err != nil {
		return err
	}
	msg := &wire.Sig{Header: c.header(ake.Version, typeSig, m.SenderTag), EncryptedSig: sig.encrypted, MAC: sig.mac}
	if err := c.sendAKE(wire.EncodeMessage(msg.Marshal()), ake.Version, m.SenderTag, res); err != nil {
		return err
	}
	return c.goSecure(pub, keyID, gx.Bytes(), keys.ssid, false, res)
}

// receiveSig is the spec's "Receiving a Signature Message".
func (c *Conversation) receiveSig(m *wire.Sig, res *Result) error {
	ake := c.State.AKE
	if ake.State != AuthAwaitingSig || int(m.Version) != ake.Version || m.SenderTag != ake.TheirInstance {
		res.event(Event{Kind: EventDebug, Text: fmt.Sprintf("ignoring a Signature message in AKE state %s", ake.State)})
		return nil
	}
	keys := deriveAKEKeys(dh(ake.TheirPublic, ake.OurPrivate))
	pub, keyID, err := c.verifySignature(keys.cPrime, keys.m1p, keys.m2p, m.EncryptedSig, m.MAC, ake.TheirPublic, ake.OurPublic)
	if err != nil {
		return err
	}
	return c.goSecure(pub, keyID, ake.TheirPublic, keys.ssid, true, res)
}

// revealGx decrypts the committed g^x with the revealed key r and checks
// it against the commitment.
func revealGx(r, encrypted, hashed []byte) (*big.Int, error) {
	if len(r) != 16 {
		return nil, fmt.Errorf("%w: revealed key is %d bytes, want 16", ErrMalformed, len(r))
	}
	gxMPI := aesCTR(r, [8]byte{}, encrypted)
	sum := sha256.Sum256(gxMPI)
	if !hmacEqual(sum[:], hashed) {
		return nil, fmt.Errorf("%w: revealed g^x does not match its commitment", ErrBadSignature)
	}
	rd := wire.NewReader(gxMPI)
	gx := rd.MPI("g^x")
	if err := rd.Done(); err != nil {
		return nil, fmt.Errorf("%w: committed g^x: %v", ErrMalformed, err)
	}
	return gx, checkGroupElement("committed g^x", gx)
}
