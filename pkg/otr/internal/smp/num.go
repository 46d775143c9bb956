package smp

import (
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/cthex"
)

// Num is a non-negative number as big-endian bytes; it is stored as hex
// text so a State survives encoding/json and TOML exactly.
type Num []byte

// MarshalText writes n as lowercase hex
// (constant time: SMP exponents are secrets).
func (n Num) MarshalText() ([]byte, error) { return cthex.Marshal(n), nil }

// UnmarshalText reads hex; empty text is the absent value (nil).
func (n *Num) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*n = nil
		return nil
	}
	b, err := cthex.Unmarshal(text)
	if err != nil {
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
