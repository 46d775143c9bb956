package otr

import (
	"crypto/sha256"
	"math/rand/v2"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// TestIDHasherIsSHA256: every input length from 0 to 300 (all the ways the
// padding falls), one hasher reused throughout: sha256.Sum256's result.
func TestIDHasherIsSHA256(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var x idHasher
	for n := 0; n <= 300; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		if got := x.sum256(b); got != sha256.Sum256(b) {
			t.Fatalf("%d bytes: %x, want %x", n, got, sha256.Sum256(b))
		}
	}
	if x.h == nil {
		t.Fatal("the hasher fell back to Sum256: its saved state has another layout")
	}
}

// TestReceivedIDsAreDataMessageIDs: the id a received message gets through
// the reused hasher is dataMessageIDBytes's, for random messages.
func TestReceivedIDsAreDataMessageIDs(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var sc symCache
	for i := 0; i < 500; i++ {
		m := &wire.Data{Header: wire.Header{Version: uint16(2 + r.IntN(2)), SenderTag: r.Uint32(), ReceiverTag: r.Uint32()},
			SenderKeyID: r.Uint32(), RecipientKeyID: r.Uint32()}
		for j := range m.Counter {
			m.Counter[j] = byte(r.Uint32())
		}
		for j := range m.MAC {
			m.MAC[j] = byte(r.Uint32())
		}
		ssid := make([]byte, r.IntN(33))
		for j := range ssid {
			ssid[j] = byte(r.Uint32())
		}
		want := dataMessageIDBytes(ssid, m)
		if id, text := sc.idAndText(ssid, m, []byte("t")); id != string(want[:]) || text != "t" {
			t.Fatalf("message %d: id %q, want %q", i, id, want)
		}
	}
}
