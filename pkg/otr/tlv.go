package otr

import (
	"fmt"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// TLV is a type/length/value record carried inside a data message.
type TLV = wire.TLV

// The TLV types of OTR v3.
const (
	TLVPadding      = wire.TLVPadding
	TLVDisconnected = wire.TLVDisconnected
	TLVSMP1         = wire.TLVSMP1
	TLVSMP2         = wire.TLVSMP2
	TLVSMP3         = wire.TLVSMP3
	TLVSMP4         = wire.TLVSMP4
	TLVSMPAbort     = wire.TLVSMPAbort
	TLVSMP1Q        = wire.TLVSMP1Q
	TLVExtraKey     = wire.TLVExtraKey
)

// handleTLVs acts on the records of a verified data message; extraKey is
// the extra symmetric key of the keys that protected it.
func (c *Conversation) handleTLVs(tlvs []TLV, extraKey []byte, res *Result) error {
	disconnected := false
	for _, t := range tlvs {
		switch t.Type {
		case TLVDisconnected:
			disconnected = true
		case TLVSMP1, TLVSMP2, TLVSMP3, TLVSMP4, TLVSMPAbort, TLVSMP1Q:
			if err := c.receiveSMP(t, res); err != nil {
				return err
			}
		case TLVExtraKey:
			c.receiveExtraKey(t, extraKey, res)
		}
	}
	if disconnected {
		c.finish(res)
	}
	return nil
}

// plaintextWith builds text, then NUL and the TLVs (with padding so the
// whole is at least minLen bytes, if asked).
func plaintextWith(text string, tlvs []TLV, minLen int) ([]byte, error) {
	plain, err := wire.JoinPlaintextChecked([]byte(text), tlvs)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTooLarge, err)
	}
	if pad := minLen - len(plain); pad > 0 {
		if len(tlvs) == 0 {
			pad-- // the NUL that starts the TLVs
		}
		pad = max(pad-4, 0) // the padding TLV's own header
		if pad > 0xffff {
			return nil, fmt.Errorf("%w: padding of %d bytes", ErrTooLarge, pad)
		}
		plain = wire.JoinPlaintext([]byte(text), append(append([]TLV(nil), tlvs...), TLV{Type: TLVPadding, Value: make([]byte, pad)}))
	}
	return plain, nil
}
