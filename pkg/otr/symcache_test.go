package otr

import (
	"bytes"
	"errors"
	"math/big"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// TestOneWayAllocations: under keys already in use, sending and receiving
// a data message reuse the cipher and MAC state and the buffers. What is
// left is the output itself (the wire line, the shown text, the slices
// of the Result, the plaintext). Before the cache: 43 in all.
func TestOneWayAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not checked under the race detector (it allocates itself); the plain run checks them")
	}
	alice, bob := establishedPair(t)
	exchange(t, alice, bob, benchText) // keys derived, buffers grown
	var line string
	send := testing.AllocsPerRun(200, func() {
		res, err := alice.c.Send(benchText)
		if err != nil {
			t.Fatal(err)
		}
		line = res.Messages[0]
	})
	recv := testing.AllocsPerRun(200, func() {
		alice.c.State.Keys.Sessions[0].SendCounter++ // a fresh counter each time
		res, err := alice.c.Send(benchText)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bob.c.Receive(res.Messages[0]); err != nil {
			t.Fatal(err)
		}
	}) - send
	t.Logf("allocations: send %.0f, receive %.0f (line of %d characters)", send, recv, len(line))
	if send > 2 {
		t.Errorf("Send allocates %.0f times, want at most 2 (line, fragment list)", send)
	}
	// The events and one string holding the id and the text: the ciphertext
	// is decrypted in the receive buffer and the text not copied twice
	// (5 before).
	if recv > 2 {
		t.Errorf("Receive allocates %.0f times, want at most 2 (events, id and text)", recv)
	}
}

// TestSendEncodingUnchanged builds the same data message the long way
// (wire.Data, a fresh AES-CTR and HMAC) and compares the bytes.
func TestSendEncodingUnchanged(t *testing.T) {
	alice, bob := establishedPair(t)
	for i, text := range []string{benchText, "", "x", string(bytes.Repeat([]byte("long "), 500))} {
		k := alice.c.State.Keys
		s, err := (&k).sessionKeys(k.OurKeyID-1, k.TheirKeyID)
		if err != nil {
			t.Fatal(err)
		}
		aesKey, macKey, ctr := append([]byte(nil), s.SendAES...), append([]byte(nil), s.SendMAC...), counterBytes(s.SendCounter+1)
		oldMAC := append([]byte(nil), k.OldMACKeys...)
		res, err := alice.c.Send(text)
		if err != nil {
			t.Fatal(err)
		}
		msg := &wire.Data{Header: alice.c.header(3, typeData, alice.c.State.TheirInstance),
			SenderKeyID: k.OurKeyID - 1, RecipientKeyID: k.TheirKeyID, Counter: ctr, OldMACKeys: oldMAC}
		msg.NextDH = bigFromBytes(k.OurCurrent.Public)
		msg.Encrypted, _ = kdf.AESCTR(aesKey, ctr[:], []byte(text))
		auth := msg.AuthenticatedPart()
		copy(msg.MAC[:], kdf.HMACSHA1(macKey, auth))
		if want := wire.EncodeMessage(msg.AppendTail(auth)); res.Messages[0] != want {
			t.Fatalf("message %d: encoding differs\n got %.80s\nwant %.80s", i, res.Messages[0], want)
		}
		if _, err := bob.c.Receive(res.Messages[0]); err != nil {
			t.Fatal(err)
		}
		exchange(t, bob, alice, "rotate") // reveals MAC keys and moves to new keys
	}
}

// TestCacheFollowsReplacedState: the saved State can be swapped under a
// Conversation at any time (a program loading another session into it);
// the cached cipher state must follow the keys, not the conversation.
func TestCacheFollowsReplacedState(t *testing.T) {
	a1, b1 := establishedPair(t)
	a2, b2 := establishedPair(t)
	exchange(t, a1, b1, "warm the cache of pair 1")
	saved := []State{a1.c.State, a2.c.State}
	peers := []*convEndpoint{b1, b2}
	for i := range 6 {
		a1.c.State = saved[i%2]
		res, err := a1.c.Send("via a swapped state")
		if err != nil {
			t.Fatal(err)
		}
		saved[i%2] = a1.c.State
		for _, l := range res.Messages {
			peers[i%2].receive(t, l)
		}
		if got := peers[i%2].take(EventMessage); len(got) != 1 || got[0].Text != "via a swapped state" {
			t.Fatalf("round %d: the peer showed %v", i, got)
		}
	}
}

// TestBadSavedSessionKeyIsAnError: a saved AES key of the wrong size (a
// damaged state) is an error, not a panic.
func TestBadSavedSessionKeyIsAnError(t *testing.T) {
	alice, bob := establishedPair(t)
	exchange(t, alice, bob, "derive the keys")
	for i := range alice.c.State.Keys.Sessions {
		alice.c.State.Keys.Sessions[i].SendAES = alice.c.State.Keys.Sessions[i].SendAES[:5]
	}
	alice.c.sym = nil
	if _, err := alice.c.Send("hello"); !errors.Is(err, ErrBadSessionKey) {
		t.Fatalf("Send with a 5-byte AES key: %v", err)
	}
}

func bigFromBytes(b []byte) *big.Int { return new(big.Int).SetBytes(b) }

// TestReceivedEventsSurviveNextMessage: the decoded data message is
// reused, but what a Result hands out (text, TLVs, revealed MAC keys)
// belongs to that Result.
func TestReceivedEventsSurviveNextMessage(t *testing.T) {
	alice, bob := establishedPair(t)
	for range 3 { // rotations: alice's next message reveals MAC keys she used
		exchange(t, alice, bob, "ping")
		exchange(t, bob, alice, "pong")
	}
	bob.take(EventMessage)
	send := func(text string, tlv byte) Event {
		res, err := alice.c.SendWith(text, SendOptions{TLVs: []TLV{{Type: 0x7f00, Value: bytes.Repeat([]byte{tlv}, 8)}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range res.Messages {
			bob.receive(t, l)
		}
		got := bob.take(EventMessage)
		if len(got) != 1 {
			t.Fatalf("%d message events", len(got))
		}
		return got[0]
	}
	first := send("first", 0xaa)
	if len(first.OldMACKeys) == 0 {
		t.Fatal("no MAC keys revealed: the test needs a rotation")
	}
	keys := append([]byte(nil), bytes.Join(first.OldMACKeys, nil)...)
	send("second, longer than the first", 0xbb)
	if first.Text != "first" || !bytes.Equal(first.TLVs[0].Value, bytes.Repeat([]byte{0xaa}, 8)) ||
		!bytes.Equal(bytes.Join(first.OldMACKeys, nil), keys) {
		t.Fatalf("the first event changed: %q %x", first.Text, first.TLVs[0].Value)
	}
}

// TestInPlaceReceiveIsAtomic: a message read under keys that need no
// copy (no rotation) changes the state only once accepted: a verified
// message with broken TLVs leaves it as it was, an accepted one moves the
// counter so its replay is refused.
func TestInPlaceReceiveIsAtomic(t *testing.T) {
	alice, bob := establishedPair(t)
	exchange(t, alice, bob, "one")
	exchange(t, alice, bob, "two") // bob's keys for alice's messages now stay put
	before := marshalState(t, bob.c.State)
	var res Result
	if err := alice.c.sendData([]byte("text\x00\x01"), 0, &res); err != nil { // a truncated TLV
		t.Fatal(err)
	}
	if _, err := bob.c.Receive(res.Messages[0]); !errors.Is(err, ErrMalformed) {
		t.Fatalf("broken TLVs: %v, want ErrMalformed", err)
	}
	if after := marshalState(t, bob.c.State); after != before {
		t.Fatal("a rejected message changed the state")
	}
	good, err := alice.c.Send("three")
	if err != nil {
		t.Fatal(err)
	}
	bob.receive(t, good.Messages[0])
	if _, err := bob.c.Receive(good.Messages[0]); !errors.Is(err, ErrReplay) {
		t.Fatalf("replay: %v, want ErrReplay", err)
	}
}
