package otr

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// TestReceivedEventsSurviveTheNextMessage: a received message is decrypted
// in a buffer the next message reuses, so what its event keeps (text, id,
// TLVs, revealed MAC keys) must be copies: an event held by the caller
// reads the same after later messages of the same length overwrote that
// buffer.
func TestReceivedEventsSurviveTheNextMessage(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	const custom = 0x4242
	first, err := alice.c.SendWith("first text", SendOptions{TLVs: []TLV{{Type: custom, Value: []byte("first value")}}})
	if err != nil {
		t.Fatal(err)
	}
	ev := receiveOne(t, bob, first.Messages)
	id, macKeys := ev.ID, bytes.Join(ev.OldMACKeys, nil)
	for i := 0; i < 3; i++ {
		next, err := alice.c.SendWith("other text", SendOptions{TLVs: []TLV{{Type: custom, Value: []byte("other value")}}})
		if err != nil {
			t.Fatal(err)
		}
		if other := receiveOne(t, bob, next.Messages); other.ID == id {
			t.Fatalf("message %d has the first message's id", i)
		}
	}
	if ev.Text != "first text" || ev.ID != id || len(ev.TLVs) != 1 || string(ev.TLVs[0].Value) != "first value" ||
		!bytes.Equal(bytes.Join(ev.OldMACKeys, nil), macKeys) {
		t.Fatalf("the first event changed: %q %q %+v", ev.Text, ev.ID, ev.TLVs)
	}
	checkIDForm(t, ev.ID)
}

// TestSplitReceivedCopiesTLVs: the text is a view of the plaintext, the
// TLVs are not.
func TestSplitReceivedCopiesTLVs(t *testing.T) {
	plain := []byte("hi\x00\x42\x42\x00\x03abc")
	text, tlvs, err := splitReceived(plain)
	if err != nil || string(text) != "hi" || len(tlvs) != 1 || string(tlvs[0].Value) != "abc" {
		t.Fatalf("split: %q %+v %v", text, tlvs, err)
	}
	copy(plain, "HI\x00\x42\x42\x00\x03xyz")
	if string(text) != "HI" || string(tlvs[0].Value) != "abc" {
		t.Fatalf("after overwriting: text %q (want the view), TLV %q (want the copy)", text, tlvs[0].Value)
	}
	if text, tlvs, err := splitReceived([]byte("no TLVs")); err != nil || string(text) != "no TLVs" || tlvs != nil {
		t.Fatalf("no NUL: %q %+v %v", text, tlvs, err)
	}
}

// TestDataMessageIDKnownAnswer: ids are a documented contract; this one
// was computed by the code before this change (a string from
// dataMessageID), so the id and text sharing one string changed no id.
func TestDataMessageIDKnownAnswer(t *testing.T) {
	m := &wire.Data{Header: wire.Header{Version: 3, SenderTag: 0x1234, ReceiverTag: 0x5678}, SenderKeyID: 7, RecipientKeyID: 9,
		NextDH: big.NewInt(5), Counter: [8]byte{0, 0, 0, 0, 0, 0, 0, 42}}
	for i := range m.MAC {
		m.MAC[i] = byte(i)
	}
	var sc symCache
	id, text := sc.idAndText([]byte{1, 2, 3, 4, 5, 6, 7, 8}, m, []byte("hello"))
	if id != "4dae9995c428576a056a9aaa" || text != "hello" {
		t.Fatalf("id %q text %q", id, text)
	}
}
