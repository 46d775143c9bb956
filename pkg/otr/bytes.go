package otr

import (
	"encoding/hex"
	"fmt"
)

// Bytes is a byte string that marshals as lower-case hex text, so that
// saved state stays readable (big numbers and keys appear as hex).
type Bytes []byte

// MarshalText encodes b as hex.
func (b Bytes) MarshalText() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(b)))
	hex.Encode(out, b)
	return out, nil
}

// UnmarshalText decodes hex text into b.
func (b *Bytes) UnmarshalText(text []byte) error {
	out := make([]byte, hex.DecodedLen(len(text)))
	if _, err := hex.Decode(out, text); err != nil {
		return fmt.Errorf("otr: bad hex value: %w", err)
	}
	*b = out
	return nil
}

// String returns the hex form of b.
func (b Bytes) String() string { return hex.EncodeToString(b) }
