package wire

import (
	"encoding/base64"
	"encoding/binary"
)

const stdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// base64Pairs (base64_tables.go) maps 12 bits to their two base64
// characters (big-endian). It is compiled in: built at start, it cost
// every process more than the rest of the package's initialisers
// (TestBase64TablesAreCurrent computes it).

// appendBase64 is base64.StdEncoding.AppendEncode, twice as fast on the
// hot path of every sent message: six input bytes become eight characters
// through four lookups of two characters each and one 8-byte store, two
// such steps per turn of the main loop (BenchmarkBase64Encode).
func appendBase64(dst, src []byte) []byte {
	n := base64.StdEncoding.EncodedLen(len(src))
	if cap(dst)-len(dst) < n {
		dst = append(make([]byte, 0, len(dst)+n), dst...)
	}
	out := dst[len(dst) : len(dst)+n]
	i, j := 0, 0
	for ; len(src)-i >= 14 && len(out)-j >= 16; i, j = i+12, j+16 { // two steps of the loop below at once
		s, o := src[i:i+14:i+14], out[j:j+16:j+16]
		v := binary.BigEndian.Uint64(s) >> 16
		w := binary.BigEndian.Uint64(s[6:]) >> 16
		binary.BigEndian.PutUint64(o, uint64(base64Pairs[v>>36])<<48|
			uint64(base64Pairs[v>>24&0xfff])<<32|
			uint64(base64Pairs[v>>12&0xfff])<<16|
			uint64(base64Pairs[v&0xfff]))
		binary.BigEndian.PutUint64(o[8:], uint64(base64Pairs[w>>36])<<48|
			uint64(base64Pairs[w>>24&0xfff])<<32|
			uint64(base64Pairs[w>>12&0xfff])<<16|
			uint64(base64Pairs[w&0xfff]))
	}
	for ; len(src)-i >= 8; i, j = i+6, j+8 { // 8 readable bytes, 6 used
		v := binary.BigEndian.Uint64(src[i:]) >> 16
		binary.BigEndian.PutUint64(out[j:], uint64(base64Pairs[v>>36])<<48|
			uint64(base64Pairs[v>>24&0xfff])<<32|
			uint64(base64Pairs[v>>12&0xfff])<<16|
			uint64(base64Pairs[v&0xfff]))
	}
	base64.StdEncoding.Encode(out[j:], src[i:])
	return dst[:len(dst)+n]
}
