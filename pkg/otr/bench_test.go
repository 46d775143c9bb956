package otr

import (
	"testing"
)

// benchAKE runs one complete v3 AKE between fresh conversations.
func benchAKE(b *testing.B) {
	alice := &convEndpoint{c: newTestConversation(b, "alice", 0x1234, DefaultPolicy())}
	bob := &convEndpoint{c: newTestConversation(b, "bob", 0x5678, DefaultPolicy())}
	pump(b, bob, alice, alice.c.Query().Messages)
	if alice.c.State.MsgState != MsgEncrypted || bob.c.State.MsgState != MsgEncrypted {
		b.Fatal("AKE did not complete")
	}
}

// BenchmarkAKE is a full v3 AKE, both sides' work (query to both secure).
func BenchmarkAKE(b *testing.B) {
	testKey(b, "alice")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchAKE(b)
	}
}

func establishedPair(b *testing.B) (*convEndpoint, *convEndpoint) {
	alice := &convEndpoint{c: newTestConversation(b, "alice", 0x1234, DefaultPolicy())}
	bob := &convEndpoint{c: newTestConversation(b, "bob", 0x5678, DefaultPolicy())}
	pump(b, bob, alice, alice.c.Query().Messages)
	return alice, bob
}

// exchange encrypts on one side and decrypts on the other.
func exchange(b *testing.B, from, to *convEndpoint, text string) {
	res, err := from.c.Send(text)
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range res.Messages {
		if _, err := to.c.Receive(l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMessageAlternating sends messages in alternating directions, so
// every message makes both sides rotate a D-H key.
func BenchmarkMessageAlternating(b *testing.B) {
	alice, bob := establishedPair(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			exchange(b, alice, bob, "hello, this is a benchmark message")
		} else {
			exchange(b, bob, alice, "hello, this is a benchmark message")
		}
	}
}

// BenchmarkMessageOneWay sends every message in the same direction (no key
// rotation): the cost of AES-CTR, HMAC and the encoding.
func BenchmarkMessageOneWay(b *testing.B) {
	alice, bob := establishedPair(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		exchange(b, alice, bob, "hello, this is a benchmark message")
	}
}
