package smp

import (
	"encoding/hex"
	"math/big"
)

// Num is a non-negative number as big-endian bytes; it is stored as hex
// text so a State survives encoding/json and TOML exactly.
type Num []byte

// MarshalText writes n as lowercase hex.
func (n Num) MarshalText() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(n)))
	hex.Encode(out, n)
	return out, nil
}

// UnmarshalText reads hex; empty text is the absent value (nil).
func (n *Num) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*n = nil
		return nil
	}
	b := make([]byte, hex.DecodedLen(len(text)))
	if _, err := hex.Decode(b, text); err != nil {
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
