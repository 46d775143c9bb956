package inspect

import "encoding/hex"

// Hex is a byte string shown as lower-case hex, in text and in JSON.
type Hex []byte

// MarshalText encodes h as hex.
func (h Hex) MarshalText() ([]byte, error) { return []byte(hex.EncodeToString(h)), nil }

// UnmarshalText decodes hex text.
func (h *Hex) UnmarshalText(text []byte) error {
	b, err := hex.DecodeString(string(text))
	if err != nil {
		return err
	}
	*h = b
	return nil
}

func (h Hex) String() string { return hex.EncodeToString(h) }

// hexOf copies b so a Message never aliases decoder buffers.
func hexOf(b []byte) Hex {
	if b == nil {
		return nil
	}
	return append(Hex{}, b...)
}
