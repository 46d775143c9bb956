package kdf

import (
	"bytes"
	"crypto/aes"
	"crypto/rand"
	"testing"
)

// TestXORKeyStreamCTRMatchesAESCTR: the allocation-free CTR gives the
// same bytes as crypto/cipher's, for every length around block borders,
// in place or not, and allocates nothing.
func TestXORKeyStreamCTRMatchesAESCTR(t *testing.T) {
	key := make([]byte, 16)
	rand.Read(key)
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	top := [8]byte{1, 2, 3, 4, 5, 6, 7, 8}
	var scratch CTRScratch
	for n := 0; n <= 300; n++ { // batches of ctrBatch blocks, and their ends
		src := make([]byte, n)
		rand.Read(src)
		want, _ := AESCTR(key, top[:], src)
		got := make([]byte, n)
		XORKeyStreamCTR(block, top, got, src, &scratch)
		if !bytes.Equal(got, want) {
			t.Fatalf("length %d: differs from AESCTR", n)
		}
		XORKeyStreamCTR(block, top, src, src, &scratch)
		if !bytes.Equal(src, want) {
			t.Fatalf("length %d: in place differs", n)
		}
	}
	if scratch != (CTRScratch{}) {
		t.Fatal("key stream left in the scratch memory")
	}
	buf := make([]byte, 61)
	if a := testing.AllocsPerRun(100, func() { XORKeyStreamCTR(block, top, buf, buf, &scratch) }); a != 0 {
		t.Fatalf("XORKeyStreamCTR allocates %.0f times", a)
	}
}
