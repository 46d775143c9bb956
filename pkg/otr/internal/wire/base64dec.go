package wire

import (
	"encoding/base64"
	"encoding/binary"
	"slices"
)

// base64Values (base64_tables.go) maps a character to its 6-bit value,
// 0xff if it is not in the standard alphabet (padding and whitespace
// included).
//
// base64Shifted[k][c] (base64_tables.go) is character c's value already
// in its place as the k-th of four characters (bits 31 to 8 of a 24-bit
// group), or 0xff (in the low byte, which valid characters leave zero) if
// c is not in the alphabet: four characters decode with four lookups and
// three ORs.
//
// Both are compiled in, as base64Pairs is (TestBase64TablesAreCurrent
// computes them).

// appendDecodeBase64 is base64.StdEncoding.AppendDecode, same result and
// same error, 1.7x faster on the body of a message: sixteen characters at
// a time become twelve bytes through sixteen lookups of pre-shifted
// values, twelve ORs, one check and two 8-byte stores, as long as they
// are all in the alphabet. The rest (the padded end, and everything from
// a group holding whitespace or anything else) goes to encoding/base64;
// if that fails, so does the whole, decoded again by encoding/base64 for
// its exact error.
func appendDecodeBase64(dst, src []byte) ([]byte, error) {
	start := len(dst)
	dst = slices.Grow(dst, len(src)/4*3+2) // 2: the last store's spare bytes
	out := dst[start:cap(dst)]
	i, j := 0, 0
	t0, t1, t2, t3 := &base64Shifted[0], &base64Shifted[1], &base64Shifted[2], &base64Shifted[3]
	for ; len(src)-i >= 16 && len(out)-j >= 14; i, j = i+16, j+12 {
		s, o := src[i:i+16:i+16], out[j:j+14:j+14]
		w1 := t0[s[0]] | t1[s[1]] | t2[s[2]] | t3[s[3]]
		w2 := t0[s[4]] | t1[s[5]] | t2[s[6]] | t3[s[7]]
		w3 := t0[s[8]] | t1[s[9]] | t2[s[10]] | t3[s[11]]
		w4 := t0[s[12]] | t1[s[13]] | t2[s[14]] | t3[s[15]]
		if (w1|w2|w3|w4)&0xff != 0 {
			break // not in the alphabet
		}
		// Each store writes two bytes too many, which the next overwrites.
		binary.BigEndian.PutUint64(o, uint64(w1)<<32|uint64(w2)<<8)
		binary.BigEndian.PutUint64(o[6:], uint64(w3)<<32|uint64(w4)<<8)
	}
	res, err := base64.StdEncoding.AppendDecode(dst[:start+j], src[i:])
	if err != nil {
		return base64.StdEncoding.AppendDecode(dst[:start], src)
	}
	return res, nil
}
