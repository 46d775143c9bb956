package wire

import (
	"bytes"
	"fmt"
)

// TLV record types of the data message plaintext.
const (
	TLVPadding      uint16 = 0
	TLVDisconnected uint16 = 1
	TLVSMP1         uint16 = 2
	TLVSMP2         uint16 = 3
	TLVSMP3         uint16 = 4
	TLVSMP4         uint16 = 5
	TLVSMPAbort     uint16 = 6
	TLVSMP1Q        uint16 = 7
	TLVExtraKey     uint16 = 8
)

// MaxTLVValue is the largest value a TLV can carry (its length is a SHORT).
const MaxTLVValue = 0xffff

// ErrTLVTooLong is returned when building a TLV whose value exceeds MaxTLVValue.
var ErrTLVTooLong = fmt.Errorf("wire: TLV value longer than %d bytes", MaxTLVValue)

// TLV is one type/length/value record.
type TLV struct {
	Type  uint16
	Value []byte
}

// Check reports ErrTLVTooLong if the value cannot be encoded. Values that
// come from users (an SMP question) must be checked before AppendTLV.
func (t TLV) Check() error {
	if len(t.Value) > MaxTLVValue {
		return fmt.Errorf("TLV type %d has %d bytes: %w", t.Type, len(t.Value), ErrTLVTooLong)
	}
	return nil
}

// AppendTLV appends t. It panics if t.Check fails: that is a programming
// error, never a property of received data. Use JoinPlaintextChecked (or
// Check) for values of unbounded size.
func AppendTLV(b []byte, t TLV) []byte {
	if err := t.Check(); err != nil {
		panic(err)
	}
	b = AppendShort(b, t.Type)
	b = AppendShort(b, uint16(len(t.Value)))
	return append(b, t.Value...)
}

// ParseTLVs parses a sequence of TLVs filling all of b. On error it also
// returns the records read before the broken one (libotr keeps those and
// silently drops the rest).
func ParseTLVs(b []byte) ([]TLV, error) {
	var tlvs []TLV
	r := NewReader(b)
	for r.Err() == nil && r.Offset() < len(b) {
		t := TLV{Type: r.Short("TLV type")}
		n := r.Short("TLV length")
		t.Value = r.Fixed(int(n), "TLV value")
		if r.Err() == nil {
			tlvs = append(tlvs, t)
		}
	}
	return tlvs, r.Err()
}

// SplitPlaintext splits a decrypted data message into the human-readable
// text (up to the first NUL) and the TLVs after it. On a TLV error the text
// and the TLVs before the broken one are still returned.
func SplitPlaintext(p []byte) (text []byte, tlvs []TLV, err error) {
	i := bytes.IndexByte(p, 0)
	if i < 0 {
		return clone(p), nil, nil
	}
	tlvs, err = ParseTLVs(p[i+1:])
	return clone(p[:i]), tlvs, err
}

// JoinPlaintext builds a plaintext: text, then a NUL and the TLVs if there
// are any. It panics on a TLV value over MaxTLVValue (see AppendTLV).
func JoinPlaintext(text []byte, tlvs []TLV) []byte {
	b := append([]byte{}, text...)
	if len(tlvs) == 0 {
		return b
	}
	b = append(b, 0)
	for _, t := range tlvs {
		b = AppendTLV(b, t)
	}
	return b
}

// JoinPlaintextChecked is JoinPlaintext returning ErrTLVTooLong instead of
// panicking.
func JoinPlaintextChecked(text []byte, tlvs []TLV) ([]byte, error) {
	for _, t := range tlvs {
		if err := t.Check(); err != nil {
			return nil, err
		}
	}
	return JoinPlaintext(text, tlvs), nil
}
