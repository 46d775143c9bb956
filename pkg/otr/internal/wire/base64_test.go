package wire

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"testing"
)

// TestAppendBase64MatchesStd: every length from 0 to 300 (all the tails
// and a few hundred fast-path steps), random and extreme bytes, after a
// prefix, against encoding/base64.
func TestAppendBase64MatchesStd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 300; n++ {
		for _, fill := range []int{-1, 0x00, 0xff} {
			src := make([]byte, n)
			for i := range src {
				if fill < 0 {
					src[i] = byte(r.Uint32())
				} else {
					src[i] = byte(fill)
				}
			}
			want := base64.StdEncoding.AppendEncode([]byte("?OTR:"), src)
			if got := appendBase64([]byte("?OTR:"), src); !bytes.Equal(got, want) {
				t.Fatalf("length %d fill %d:\n got %s\nwant %s", n, fill, got, want)
			}
			if got := appendBase64(make([]byte, 0, 4), src); string(got) != string(want[5:]) {
				t.Fatalf("length %d fill %d, small dst: got %s", n, fill, got)
			}
		}
	}
}

// BenchmarkBase64Encode: a one-way data message (320 bytes),
// encoding/base64 next to appendBase64.
func BenchmarkBase64Encode(b *testing.B) {
	src := make([]byte, 320)
	r := rand.New(rand.NewPCG(7, 8))
	for i := range src {
		src[i] = byte(r.Uint32())
	}
	buf := make([]byte, 0, 1000)
	b.Run("encoding-base64", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			buf = base64.StdEncoding.AppendEncode(buf[:0], src)
		}
	})
	b.Run("ours", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			buf = appendBase64(buf[:0], src)
		}
	})
}
