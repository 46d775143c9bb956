package smp

import (
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/cthex"
)

// Num is a non-negative number as big-endian bytes; it is stored as hex
// text so a State survives encoding/json and TOML exactly.
type Num []byte

// MarshalText writes n as lowercase hex.
func (n Num) MarshalText() ([]byte, error) {
	out := make([]byte, cthex.EncodedLen(len(n)))
	cthex.Encode(out, n) // constant time: SMP exponents are secrets
	return out, nil
}

// UnmarshalText reads hex; empty text is the absent value (nil).
func (n *Num) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*n = nil
		return nil
	}
	b := make([]byte, len(text)/2)
	if _, err := cthex.Decode(b, text); err != nil {
		return err
	}
	*n = b
	return nil
}

// Int is n as a big.Int.
func (n Num) Int() *big.Int { return new(big.Int).SetBytes(n) }

// numOf stores x; zero becomes the absent value so that round trips are exact.
func numOf(x *big.Int) Num {
	b := x.Bytes()
	if len(b) == 0 {
		return nil
	}
	return b
}
