package otr

import (
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// benchText is the message libotr's side of the comparison sends too.
const benchText = "The quick brown fox jumps over the lazy dog, again and again."

// compareWithLibotr runs op b.N times between two runs of the same b.N
// operations on libotr (two userstates in one process, through the test
// helper), and reports libotr's time per operation (the mean of its two
// runs) and ours as a fraction of it. Timing libotr before and after ours
// cancels a load that rises or falls during the run (the machines are
// shared): the ratio holds where absolute times do not.
func compareWithLibotr(b *testing.B, kind string, op func(i int)) {
	lib := libotrpeer.Start(b, libotrpeer.Options{Policy: "v2,v3"})
	before := lib.Bench(kind, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		op(i)
	}
	ours := b.Elapsed()
	b.StopTimer()
	theirs := (before + lib.Bench(kind, b.N)) / 2
	b.ReportMetric(float64(theirs.Nanoseconds())/float64(b.N), "libotr-ns/op")
	b.ReportMetric(float64(ours)/float64(theirs), "ours/libotr")
}

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
	compareWithLibotr(b, "ake", func(int) { benchAKE(b) })
}

func establishedPair(b testing.TB) (*convEndpoint, *convEndpoint) {
	alice := &convEndpoint{c: newTestConversation(b, "alice", 0x1234, DefaultPolicy())}
	bob := &convEndpoint{c: newTestConversation(b, "bob", 0x5678, DefaultPolicy())}
	pump(b, bob, alice, alice.c.Query().Messages)
	return alice, bob
}

// exchange encrypts on one side and decrypts on the other.
func exchange(b testing.TB, from, to *convEndpoint, text string) {
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
	compareWithLibotr(b, "msg", func(i int) {
		if i%2 == 0 {
			exchange(b, alice, bob, benchText)
		} else {
			exchange(b, bob, alice, benchText)
		}
	})
}

// BenchmarkMessageOneWay sends every message in the same direction (no key
// rotation): the cost of AES-CTR, HMAC and the encoding.
func BenchmarkMessageOneWay(b *testing.B) {
	alice, bob := establishedPair(b)
	compareWithLibotr(b, "msg1", func(int) { exchange(b, alice, bob, benchText) })
}

// BenchmarkSMP is a complete, successful SMP exchange in an established
// session: both sides' work, all four messages.
func BenchmarkSMP(b *testing.B) {
	alice, bob := establishedPair(b)
	secret := []byte("correct horse battery staple")
	compareWithLibotr(b, "smp", func(int) {
		res, err := alice.c.StartSMP(secret, "")
		if err != nil {
			b.Fatal(err)
		}
		pump(b, alice, bob, res.Messages)
		if res, err = bob.c.AnswerSMP(secret); err != nil {
			b.Fatal(err)
		}
		pump(b, bob, alice, res.Messages)
		if len(alice.take(EventSMPSucceeded)) != 1 || len(bob.take(EventSMPSucceeded)) != 1 {
			b.Fatal("SMP did not succeed")
		}
	})
}

// BenchmarkKeygen makes a DSA-1024 identity key with fresh parameters,
// next to libotr's otrl_privkey_generate (which also writes its key file).
func BenchmarkKeygen(b *testing.B) {
	compareWithLibotr(b, "keygen", func(int) {
		if _, err := GenerateKey(nil); err != nil {
			b.Fatal(err)
		}
	})
}
