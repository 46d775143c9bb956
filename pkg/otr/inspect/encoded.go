package inspect

import (
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

var typeNames = map[byte]string{
	wire.TypeDHCommit:  TypeDHCommit,
	wire.TypeDHKey:     TypeDHKey,
	wire.TypeRevealSig: TypeRevealSig,
	wire.TypeSig:       TypeSig,
	wire.TypeData:      TypeData,
}

// describeEncoded decodes an encoded message and shows every field; a
// malformed one shows its header as far as it reads, and the problem.
func describeEncoded(line string) Message {
	m := Message{Kind: KindEncoded}
	bin, err := wire.DecodeMessage(line)
	if err != nil {
		m.Text, m.Problem = line, problemOf(err, InLine)
		return m
	}
	msg, err := wire.Decode(bin)
	if err != nil {
		m.Encoded, m.Problem = partialHeader(bin), problemOf(err, InMessage)
		return m
	}
	m.Encoded = describeMessage(msg)
	m.Encoded.NonMinimalMPI = hasNonMinimalMPI(msg, bin)
	return m
}

// partialHeader reads what it can of a broken message's header.
func partialHeader(bin []byte) *Encoded {
	r := wire.NewReader(bin)
	e := &Encoded{Version: int(r.Short("version"))}
	typ := r.Byte("type")
	if r.Err() != nil {
		return nil
	}
	e.Type = typeNames[typ]
	if e.Type == "" {
		e.Type = "unknown"
	}
	if e.Version == 3 {
		s, rc := r.Int("sender"), r.Int("receiver")
		if r.Err() == nil {
			e.SenderTag, e.ReceiverTag = ptr(s), ptr(rc)
		}
	}
	return e
}

func describeMessage(msg wire.Message) *Encoded {
	h := msg.Hdr()
	e := &Encoded{Version: int(h.Version), Type: typeNames[h.Type]}
	if h.Version == 3 {
		e.SenderTag, e.ReceiverTag = ptr(h.SenderTag), ptr(h.ReceiverTag)
	}
	switch m := msg.(type) {
	case *wire.DHCommit:
		e.Type, e.EncryptedGx, e.HashedGx = TypeDHCommit, hexOf(m.EncryptedGx), hexOf(m.HashedGx)
	case *wire.DHKey:
		e.Type, e.Gy = TypeDHKey, Hex(m.Gy.Bytes())
	case *wire.RevealSig:
		e.Type, e.RevealedKey, e.EncryptedSig, e.SigMAC = TypeRevealSig, hexOf(m.Key), hexOf(m.EncryptedSig), hexOf(m.MAC[:])
	case *wire.Sig:
		e.Type, e.EncryptedSig, e.SigMAC = TypeSig, hexOf(m.EncryptedSig), hexOf(m.MAC[:])
	case *wire.Data:
		e.Type, e.Data = TypeData, describeData(m)
	}
	return e
}

func describeData(m *wire.Data) *Data {
	d := &Data{
		Flags: m.Flags, IgnoreUnreadable: m.Flags&wire.FlagIgnoreUnreadable != 0,
		SenderKeyID: m.SenderKeyID, RecipientKeyID: m.RecipientKeyID,
		NextDH: Hex(m.NextDH.Bytes()), Counter: hexOf(m.Counter[:]),
		EncryptedLength: len(m.Encrypted), Encrypted: hexOf(m.Encrypted), MAC: hexOf(m.MAC[:]),
	}
	keys := m.OldMACKeys
	for len(keys) >= wire.MACLen {
		d.OldMACKeys = append(d.OldMACKeys, hexOf(keys[:wire.MACLen]))
		keys = keys[wire.MACLen:]
	}
	if len(keys) > 0 {
		d.OldMACKeysRest = hexOf(keys)
	}
	return d
}

// hasNonMinimalMPI reports an MPI with leading zeros: the canonical
// re-encoding is then shorter than the input.
func hasNonMinimalMPI(msg wire.Message, bin []byte) bool {
	switch msg.(type) {
	case *wire.DHKey, *wire.Data:
		return len(msg.Marshal()) != len(bin)
	}
	return false
}
