package otr

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"math/rand/v2"
	"testing"
)

// TestPrefixMACIsHMAC: whatever the key, the data, the stable hint and
// what the previous calls left behind (same key or not, same prefix or one
// differing in a single byte, shorter or longer), macSum is crypto/hmac's
// HMAC-SHA1.
func TestPrefixMACIsHMAC(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var p prefixMAC
	keys := [][]byte{bytes.Repeat([]byte{1}, 20), bytes.Repeat([]byte{2}, 20), {3}, bytes.Repeat([]byte{4}, 64), bytes.Repeat([]byte{5}, 100), nil}
	base := make([]byte, 600)
	for i := range base {
		base[i] = byte(rng.Uint32())
	}
	for i := 0; i < 3000; i++ {
		key := keys[rng.IntN(len(keys))]
		if rng.IntN(4) > 0 {
			key = keys[0] // mostly one key, as in a conversation
		}
		data := append([]byte(nil), base[:rng.IntN(len(base)+1)]...)
		if len(data) > 0 && rng.IntN(3) == 0 {
			data[rng.IntN(len(data))] ^= 1 << rng.IntN(8)
		}
		stable := rng.IntN(len(data)+200) - 100
		got := append([]byte(nil), p.macSum(key, data, stable)...)
		want := hmac.New(sha1.New, key)
		want.Write(data)
		if !bytes.Equal(got, want.Sum(nil)) {
			t.Fatalf("call %d: key %x, %d bytes, stable %d: %x, want %x", i, key, len(data), stable, got, want.Sum(nil))
		}
	}
}

// TestPrefixMACHashesTheStablePartOnce: a second message with the same
// stable part reuses the inner state (here checked by the kept prefix),
// and a changed byte in that part is noticed.
func TestPrefixMACHashesTheStablePartOnce(t *testing.T) {
	var p prefixMAC
	key := bytes.Repeat([]byte{7}, 20)
	data := bytes.Repeat([]byte{9}, 300)
	p.macSum(key, data, 230)
	if len(p.prefix) != 192 {
		t.Fatalf("kept %d bytes of prefix, want 192 (three whole blocks of the 230 stable ones)", len(p.prefix))
	}
	mid := string(p.mid)
	data[250] = 1
	p.macSum(key, data, 230)
	if string(p.mid) != mid {
		t.Fatal("the inner state was recomputed for the same stable part")
	}
	data[100] = 1
	got := p.macSum(key, data, 230)
	want := hmac.New(sha1.New, key)
	want.Write(data)
	if !bytes.Equal(got, want.Sum(nil)) || string(p.mid) == mid {
		t.Fatal("a changed stable part was not rehashed")
	}
}

// TestSavedStateWorks: with this Go's crypto/sha1 the fast path is taken
// (the fallback exists for a crypto/sha1 with another saved layout), and
// a change of key reuses the digests instead of making new ones.
func TestSavedStateWorks(t *testing.T) {
	if !savedStateWorks() {
		t.Fatal("crypto/sha1's saved state fails the layout check: every MAC falls back")
	}
	if raceEnabled {
		t.Skip("allocation counts are not checked under the race detector (it allocates itself); the plain run checks them")
	}
	var p prefixMAC
	data := bytes.Repeat([]byte{1}, 300)
	p.macSum(bytes.Repeat([]byte{1}, 20), data, 200)
	if a := testing.AllocsPerRun(50, func() {
		p.macSum(bytes.Repeat([]byte{2}, 20), data, 200)
		p.macSum(bytes.Repeat([]byte{3}, 20), data, 200)
	}); a > 4 { // the two keys made by bytes.Repeat
		t.Fatalf("%.0f allocations for two changes of key", a)
	}
}

// TestSavedStateLayoutCheck: the start-up check accepts crypto/sha1 and
// refuses a SHA-1 whose saved state puts the digest anywhere else, or
// holds another digest there.
func TestSavedStateLayoutCheck(t *testing.T) {
	if !digestWhereExpected(sha1.New().(sha1State)) {
		t.Fatal("crypto/sha1's saved state refused")
	}
	for name, edit := range map[string]func([]byte) []byte{
		"shifted by a byte": func(st []byte) []byte { return append(st[:1:1], st...) },
		"little-endian words": func(st []byte) []byte {
			for i := 4; i+4 <= 24; i += 4 {
				st[i], st[i+1], st[i+2], st[i+3] = st[i+3], st[i+2], st[i+1], st[i]
			}
			return st
		},
		"one bit off": func(st []byte) []byte { st[23] ^= 1; return st },
		"too short":   func(st []byte) []byte { return st[:20] },
	} {
		if digestWhereExpected(&otherLayout{sha1.New().(sha1State), edit}) {
			t.Errorf("a saved state %s was accepted", name)
		}
	}
}

// otherLayout is crypto/sha1 with its saved state rewritten by edit.
type otherLayout struct {
	sha1State
	edit func([]byte) []byte
}

func (o *otherLayout) AppendBinary(b []byte) ([]byte, error) {
	st, err := o.sha1State.AppendBinary(nil)
	return append(b, o.edit(st)...), err
}
