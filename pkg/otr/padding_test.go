package otr

import (
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// PaddingFor pads the plaintext to exactly the next multiple, whatever the
// text's length, with or without other TLVs, and the text and TLVs come
// back intact.
func TestPaddingForMakesMultiples(t *testing.T) {
	extra := []TLV{{Type: TLVExtraKey, Value: []byte{0, 0, 0, 1, 'x'}}}
	for _, n := range []int{1, 16, 64, 100, 256} {
		for size := 0; size < 300; size++ {
			text := strings.Repeat("a", size)
			for _, tlvs := range [][]TLV{nil, extra} {
				plain, err := plaintextWith(text, tlvs, PaddingFor(text, tlvs, n))
				if err != nil {
					t.Fatal(err)
				}
				if len(plain)%n != 0 {
					t.Fatalf("n=%d text %d bytes, %d TLVs: plaintext of %d bytes", n, size, len(tlvs), len(plain))
				}
				if len(plain) >= len(text)+1+4+n+len(tlvs)*9 {
					t.Fatalf("n=%d text %d bytes: %d bytes is more than one step of padding", n, size, len(plain))
				}
				gotText, gotTLVs, err := wire.SplitPlaintext(plain)
				if err != nil || string(gotText) != text || len(gotTLVs) != len(tlvs)+1 || gotTLVs[len(gotTLVs)-1].Type != TLVPadding {
					t.Fatalf("n=%d text %d bytes: split %q %v %v", n, size, gotText, gotTLVs, err)
				}
			}
		}
	}
	if PaddingFor("abc", nil, 0) != 0 {
		t.Error("n = 0 should mean no padding")
	}
}

// Two messages of different lengths under one multiple encrypt to the
// same length, and the peer sees only the text.
func TestPaddedMessagesLookAlike(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	var lengths []int
	for _, text := range []string{"a", "a somewhat longer message"} {
		res, err := alice.c.SendWith(text, SendOptions{Padding: PaddingFor(text, nil, 64)})
		if err != nil {
			t.Fatal(err)
		}
		bin, err := wire.DecodeMessage(res.Messages[0])
		if err != nil {
			t.Fatal(err)
		}
		m, err := wire.Decode(bin)
		if err != nil {
			t.Fatal(err)
		}
		lengths = append(lengths, len(m.(*wire.Data).Encrypted))
		pump(t, alice, bob, res.Messages)
		got := bob.take(EventMessage)
		if len(got) != 1 || got[0].Text != text {
			t.Fatalf("bob got %+v, want %q", got, text)
		}
	}
	if lengths[0] != lengths[1] || lengths[0]%64 != 0 {
		t.Fatalf("encrypted lengths %v, want equal multiples of 64", lengths)
	}
}
