package inspect

import (
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// DataFields are the pieces of a data message otr_remac assembles.
type DataFields struct {
	Version                 int // 2 or 3 (0 means 3, as otr_remac makes)
	SenderTag, ReceiverTag  uint32
	Flags                   byte
	SenderKeyID, RecipKeyID uint32
	NextDH                  []byte
	Counter                 []byte // 8 bytes
	Encrypted               []byte
	OldMACKeys              []byte
}

// FieldsOf reads the fields of the data message in line, to change some
// and Assemble it again.
func FieldsOf(line string) (DataFields, error) {
	m, err := decodeData(line)
	if err != nil {
		return DataFields{}, err
	}
	return DataFields{
		Version: int(m.Version), SenderTag: m.SenderTag, ReceiverTag: m.ReceiverTag, Flags: m.Flags,
		SenderKeyID: m.SenderKeyID, RecipKeyID: m.RecipientKeyID, NextDH: m.NextDH.Bytes(),
		Counter: m.Counter[:], Encrypted: m.Encrypted, OldMACKeys: m.OldMACKeys,
	}, nil
}

// Assemble builds a data message from its pieces and MACs it with macKey
// (otr_remac). With a MAC key the receiver has revealed, the result is a
// message the receiver would have accepted: anyone can forge transcripts.
func Assemble(f DataFields, macKey []byte) (string, error) {
	if err := checkLen("the MAC key", macKey, 20); err != nil {
		return "", err
	}
	if err := checkLen("the counter", f.Counter, wire.CounterLen); err != nil {
		return "", err
	}
	version := uint16(3)
	if f.Version == 2 {
		version = 2
	}
	m := &wire.Data{
		Header: wire.Header{Version: version, Type: wire.TypeData, SenderTag: f.SenderTag, ReceiverTag: f.ReceiverTag},
		Flags:  f.Flags, SenderKeyID: f.SenderKeyID, RecipientKeyID: f.RecipKeyID,
		NextDH: new(big.Int).SetBytes(f.NextDH), Encrypted: f.Encrypted, OldMACKeys: f.OldMACKeys,
	}
	copy(m.Counter[:], f.Counter)
	return seal(m, macKey), nil
}
