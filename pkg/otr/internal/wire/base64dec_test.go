package wire

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"testing"
)

// checkDecodeLikeStd compares appendDecodeBase64 with encoding/base64's
// AppendDecode: same bytes after the same prefix, same error.
func checkDecodeLikeStd(t *testing.T, src []byte) {
	t.Helper()
	want, wantErr := base64.StdEncoding.AppendDecode([]byte("pre"), src)
	got, err := appendDecodeBase64([]byte("pre"), src)
	if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Fatalf("%q:\n got %x, %v\nwant %x, %v", src, got, err, want, wantErr)
	}
	small, err := appendDecodeBase64(make([]byte, 0, 1), src)
	if (err == nil) != (wantErr == nil) || !bytes.Equal(small, want[3:]) {
		t.Fatalf("%q, small dst: got %x, %v", src, small, err)
	}
}

// TestAppendDecodeBase64MatchesStd: every length of encoded random and
// extreme bytes, then the same with one character replaced by something
// else (padding, whitespace, a stray character) at every place, and cut
// short: always what encoding/base64 answers.
func TestAppendDecodeBase64MatchesStd(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= 120; n++ {
		for _, fill := range []int{-1, 0x00, 0xff} {
			raw := make([]byte, n)
			for i := range raw {
				if fill < 0 {
					raw[i] = byte(r.Uint32())
				} else {
					raw[i] = byte(fill)
				}
			}
			enc := base64.StdEncoding.AppendEncode(nil, raw)
			checkDecodeLikeStd(t, enc)
			if len(enc) > 0 {
				checkDecodeLikeStd(t, enc[:len(enc)-1])
			}
			if fill >= 0 {
				continue
			}
			for i := range enc {
				for _, c := range []byte{'=', '\r', '\n', ' ', '.', '-', 0x80, 'A'} {
					bad := bytes.Clone(enc)
					bad[i] = c
					checkDecodeLikeStd(t, bad)
				}
			}
		}
	}
}

// FuzzAppendDecodeBase64 holds the fast decoder to encoding/base64.
func FuzzAppendDecodeBase64(f *testing.F) {
	f.Add([]byte("SGVsbG8sIHdvcmxkIQ=="))
	f.Add([]byte("AAMDAAABAQAAAQIAAAAB\r\nAAAAAQ=="))
	f.Add([]byte("AAAAAAAA=AAAAAAA"))
	f.Fuzz(func(t *testing.T, src []byte) { checkDecodeLikeStd(t, src) })
}

// BenchmarkBase64Decode: a one-way data message's body (about 430
// characters), encoding/base64 next to appendDecodeBase64.
func BenchmarkBase64Decode(b *testing.B) {
	raw := make([]byte, 320)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range raw {
		raw[i] = byte(r.Uint32())
	}
	src := base64.StdEncoding.AppendEncode(nil, raw)
	buf := make([]byte, 0, len(raw)+8)
	b.Run("encoding-base64", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			buf, _ = base64.StdEncoding.AppendDecode(buf[:0], src)
		}
	})
	b.Run("ours", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			buf, _ = appendDecodeBase64(buf[:0], src)
		}
	})
}
