package otr

import (
	"encoding/hex"
	"fmt"

	"github.com/otrtool/otr/pkg/otr/internal/cthex"
)

// Bytes is a byte string that marshals as lower-case hex text, so that
// saved state stays readable (big numbers and keys appear as hex). The
// hex is written and read in constant time (keys are secrets).
type Bytes []byte

// MarshalText encodes b as hex.
func (b Bytes) MarshalText() ([]byte, error) { return cthex.Marshal(b), nil }

// UnmarshalText decodes hex text into b.
func (b *Bytes) UnmarshalText(text []byte) error {
	out, err := cthex.Unmarshal(text)
	if err != nil {
		return fmt.Errorf("otr: bad hex value: %w", err) // says nothing of the text: it may be a key
	}
	*b = out
	return nil
}

// String returns the hex form of b.
func (b Bytes) String() string { return hex.EncodeToString(b) }
