// Package cthex encodes and decodes lower-case hex in constant time.
//
// Keys and session secrets are saved as hex. encoding/hex decodes through
// a 256-byte table indexed by each digit, which spans four cache lines:
// which line each lookup touches says whether the digit is 0-9 or a-f,
// to a process sharing the cache. Here every digit is converted with the
// same arithmetic whatever its value; only whether the whole text is
// valid hex (not a secret: it is the file's syntax) decides anything.
package cthex

import "errors"

// ErrSyntax says the text is not an even number of hex digits.
var ErrSyntax = errors.New("not an even number of hex digits")

// EncodedLen is the length of the encoding of n bytes.
func EncodedLen(n int) int { return 2 * n }

// Encode writes the lower-case hex of src into dst, which must hold
// EncodedLen(len(src)) bytes.
func Encode(dst, src []byte) {
	for i, b := range src {
		dst[2*i] = digit(b >> 4)
		dst[2*i+1] = digit(b & 0xf)
	}
}

// Marshal returns the lower-case hex of src, as a TextMarshaler does.
func Marshal(src []byte) []byte {
	out := make([]byte, EncodedLen(len(src)))
	Encode(out, src)
	return out
}

// Unmarshal returns the bytes of hex text, as a TextUnmarshaler reads it.
func Unmarshal(text []byte) ([]byte, error) {
	out := make([]byte, len(text)/2)
	if _, err := Decode(out, text); err != nil {
		return nil, err
	}
	return out, nil
}

// digit is the hex digit of a nibble: '0' + n, plus the distance from
// '9'+1 to 'a' when n > 9 (a mask from the sign of 9 - n, no branch).
func digit(n byte) byte {
	above9 := (9 - int32(n)) >> 31 // -1 when n > 9, else 0
	return byte(int32('0') + int32(n) + above9&('a'-'9'-1))
}

// Decode reads hex (either case) from src into dst, which must hold
// len(src)/2 bytes, and returns the bytes written.
func Decode(dst, src []byte) (int, error) {
	if len(src)%2 != 0 {
		return 0, ErrSyntax
	}
	bad := int32(0)
	for i := 0; i < len(src); i += 2 {
		hi, badHi := value(src[i])
		lo, badLo := value(src[i+1])
		dst[i/2] = byte(hi<<4 | lo)
		bad |= badHi | badLo
	}
	if bad != 0 {
		clear(dst[:len(src)/2])
		return 0, ErrSyntax
	}
	return len(src) / 2, nil
}

// value is a hex digit's value and 0, or -1 (all bits) as bad when c is
// not a hex digit; computed with masks, no branch or table on c.
func value(c byte) (v, bad int32) {
	d := int32(c) - '0'           // 0..9 for a digit
	l := int32(c|0x20) - 'a'      // 0..5 for a letter of either case
	isD := ^((d | (9 - d)) >> 31) // -1 when 0 <= d <= 9
	isL := ^((l | (5 - l)) >> 31) // -1 when 0 <= l <= 5
	return d&isD | (l+10)&isL, ^(isD | isL)
}
