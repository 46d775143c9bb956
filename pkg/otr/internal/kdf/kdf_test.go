package kdf

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"math/big"
	"testing"
)

func TestAESCTRRoundTripAndKeySize(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 16)
	top := []byte{0, 0, 0, 0, 0, 0, 0, 1}
	enc, err := AESCTR(key, top, []byte("attack at dawn"))
	if err != nil || bytes.Equal(enc, []byte("attack at dawn")) {
		t.Fatalf("encrypt: %v", err)
	}
	other, _ := AESCTR(key, []byte{0, 0, 0, 0, 0, 0, 0, 2}, []byte("attack at dawn"))
	if bytes.Equal(enc, other) {
		t.Fatal("the counter does not change the key stream")
	}
	if dec, _ := AESCTR(key, top, enc); string(dec) != "attack at dawn" {
		t.Fatalf("decrypt gave %q", dec)
	}
	if _, err := AESCTR(key[:5], top, nil); err == nil {
		t.Fatal("a 5-byte AES key was accepted")
	}
}

// TestHashesOverSecBytes: h1 and h2 prefix one byte to the minimal MPI of
// the secret (the spec's secbytes).
func TestHashesOverSecBytes(t *testing.T) {
	sb := SecBytes(big.NewInt(0x0102))
	if hex.EncodeToString(sb) != "000000020102" {
		t.Fatalf("secbytes %x", sb)
	}
	want := sha1.Sum([]byte{0x05, 0, 0, 0, 2, 1, 2})
	if !bytes.Equal(H1(0x05, sb), want[:]) {
		t.Fatal("h1 is not SHA-1(b || secbytes)")
	}
	if len(H2(0xff, sb)) != 32 || bytes.Equal(H2(1, sb), H2(2, sb)) {
		t.Fatal("h2 is not a 32-byte hash depending on b")
	}
	mac := sha1.Sum([]byte("k"))
	if !bytes.Equal(MACKey([]byte("k")), mac[:]) {
		t.Fatal("MACKey is not SHA-1 of the AES key")
	}
}
