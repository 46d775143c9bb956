package cthex

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// TestEncodeEveryByte: every byte value encodes as encoding/hex encodes it.
func TestEncodeEveryByte(t *testing.T) {
	src := make([]byte, 256)
	for i := range src {
		src[i] = byte(i)
	}
	dst := make([]byte, EncodedLen(len(src)))
	Encode(dst, src)
	if want := hex.EncodeToString(src); string(dst) != want {
		t.Fatalf("Encode = %s, want %s", dst, want)
	}
}

// TestDecodeEveryPair: every pair of characters decodes, or is refused,
// exactly as encoding/hex does (upper case included).
func TestDecodeEveryPair(t *testing.T) {
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			src := []byte{byte(a), byte(b)}
			got := make([]byte, 1)
			n, err := Decode(got, src)
			want, werr := hex.DecodeString(string(src))
			if (err == nil) != (werr == nil) || err == nil && (n != 1 || got[0] != want[0]) {
				t.Fatalf("Decode(%q) = %d %x %v; encoding/hex: %x %v", src, n, got, err, want, werr)
			}
		}
	}
}

func TestDecodeOddAndEmpty(t *testing.T) {
	if _, err := Decode(make([]byte, 1), []byte("abc")); err != ErrSyntax {
		t.Errorf("odd length: %v", err)
	}
	if n, err := Decode(nil, nil); n != 0 || err != nil {
		t.Errorf("empty: %d %v", n, err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("00ff10Ab"))
	f.Add([]byte("0g"))
	f.Fuzz(func(t *testing.T, src []byte) {
		got := make([]byte, len(src)/2)
		n, err := Decode(got, src)
		want, werr := hex.DecodeString(string(src))
		if (err == nil) != (werr == nil) || err == nil && !bytes.Equal(got[:n], want) {
			t.Fatalf("Decode(%q) = %x %v; encoding/hex: %x %v", src, got[:n], err, want, werr)
		}
		if err == nil {
			enc := make([]byte, EncodedLen(n))
			Encode(enc, got[:n])
			if !bytes.EqualFold(enc, src) {
				t.Fatalf("Encode(Decode(%q)) = %q", src, enc)
			}
		}
	})
}
