package otr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
)

// establish runs the AKE from alice's query and checks both sides are secure.
func establish(t *testing.T, alice, bob *convEndpoint) {
	t.Helper()
	pump(t, bob, alice, alice.c.Query().Messages)
	for _, e := range []*convEndpoint{alice, bob} {
		if e.c.State.MsgState != MsgEncrypted {
			t.Fatalf("msgstate %s after AKE", e.c.State.MsgState)
		}
		if got := e.take(EventSecure); len(got) != 1 {
			t.Fatalf("%d secure events, want 1", len(got))
		}
	}
	if !bytes.Equal(alice.c.State.SSID, bob.c.State.SSID) {
		t.Fatal("SSIDs differ")
	}
}

func newEndpoints(t *testing.T, pa, pb Policy) (*convEndpoint, *convEndpoint) {
	return &convEndpoint{c: newTestConversation(t, "alice", 0x1234, pa)},
		&convEndpoint{c: newTestConversation(t, "bob", 0x5678, pb)}
}

// send sends text from one side and checks the other shows it.
func sendText(t *testing.T, from, to *convEndpoint, text string) {
	t.Helper()
	res, err := from.c.Send(text)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	pump(t, from, to, res.Messages)
	msgs := to.take(EventMessage)
	if len(msgs) != 1 || msgs[0].Text != text || !msgs[0].Encrypted {
		t.Fatalf("received %+v, want one encrypted %q", msgs, text)
	}
}

func TestAKEAndMessages(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pa, pb  Policy
		version int
	}{
		{"v3", DefaultPolicy(), DefaultPolicy(), 3},
		{"v2", Policy{AllowV2: true}, DefaultPolicy(), 2},
		{"v2-both", Policy{AllowV2: true}, Policy{AllowV2: true}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alice, bob := newEndpoints(t, tc.pa, tc.pb)
			establish(t, alice, bob)
			if alice.c.State.Version != tc.version {
				t.Fatalf("version %d, want %d", alice.c.State.Version, tc.version)
			}
			for i := 0; i < 10; i++ {
				sendText(t, alice, bob, fmt.Sprintf("hello %d ☃", i))
				sendText(t, bob, alice, fmt.Sprintf("reply %d", i))
			}
		})
	}
}

// TestOneSidedBurst: one side sends 1,000 messages in a row, then the other
// answers; both must stay in key sync.
func TestOneSidedBurst(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	for i := 0; i < 1000; i++ {
		sendText(t, alice, bob, fmt.Sprintf("burst %d", i))
	}
	sendText(t, bob, alice, "finally")
	sendText(t, alice, bob, "and back")
	sendText(t, bob, alice, "and again")
}

func TestStateRoundTripJSON(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	sendText(t, alice, bob, "one")
	for _, e := range []*convEndpoint{alice, bob} {
		b, err := json.Marshal(e.c.State)
		if err != nil {
			t.Fatal(err)
		}
		var st State
		if err := json.Unmarshal(b, &st); err != nil {
			t.Fatal(err)
		}
		e.c = &Conversation{Config: e.c.Config, State: st}
	}
	sendText(t, bob, alice, "two")
	sendText(t, alice, bob, "three")
}

func TestRejectsTamperedAndReplayed(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	res, err := alice.c.Send("secret")
	if err != nil {
		t.Fatal(err)
	}
	line := res.Messages[0]
	before, _ := json.Marshal(bob.c.State)
	tampered := line[:30] + flip(line[30]) + line[31:]
	if _, err := bob.c.Receive(tampered); err == nil {
		t.Fatal("tampered message accepted")
	}
	if after, _ := json.Marshal(bob.c.State); !bytes.Equal(before, after) {
		t.Fatal("state changed by a rejected message")
	}
	if _, err := bob.c.Receive(line); err != nil {
		t.Fatalf("genuine message rejected: %v", err)
	}
	r2, err := bob.c.Receive(line)
	if err == nil {
		t.Fatal("replayed message accepted")
	}
	if len(r2.Messages) != 1 || !strings.HasPrefix(r2.Messages[0], "?OTR Error:") {
		t.Fatalf("no OTR error sent back for an unreadable message: %q", r2.Messages)
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

// TestKeyFromFieldsValidatedBeforeSigning: a key assembled from its fields
// (as a loader does) is checked before it first signs.
func TestKeyFromFieldsValidatedBeforeSigning(t *testing.T) {
	k := testKey(t, "alice")
	bad := &PrivateKey{PublicKey: PublicKey{P: k.P, Q: k.Q, G: k.G, Y: k.Y}, X: new(big.Int).Add(k.X, big.NewInt(1))}
	if _, err := bad.Sign(nil, make([]byte, 32)); !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("signing with y != g^x: %v", err)
	}
	good := &PrivateKey{PublicKey: k.PublicKey, X: k.X}
	sig, err := good.Sign(nil, make([]byte, 32))
	if err != nil || !good.Verify(make([]byte, 32), sig) {
		t.Fatalf("a good key from fields: %v", err)
	}
}

// TestRevealedMACKeysBounded: while we stay silent, a peer that moves to a
// new key of its own on every message cannot grow our pending MAC-key
// reveals (and so our saved state) without end.
func TestRevealedMACKeysBounded(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	for i := 0; i < 2*maxRevealedMACKeys; i++ {
		sendText(t, bob, alice, "tick")
		// Bob behaves as if alice had seen his newest key: his next message
		// uses it, so alice forgets (and must reveal) one used MAC key each time.
		next, err := bob.c.newDHPair()
		if err != nil {
			t.Fatal(err)
		}
		bob.c.State.Keys.rotateOurs(next)
	}
	if n := len(alice.c.State.Keys.OldMACKeys); n != maxRevealedMACKeys*20 {
		t.Fatalf("%d bytes of MAC keys waiting, want the cap of %d", n, maxRevealedMACKeys*20)
	}
	sendText(t, alice, bob, "still in sync")
}

// TestCheckSaved: the load-time check catches damage to any value with one
// exponentiation; what it skips (g's order) is still checked before signing.
func TestCheckSaved(t *testing.T) {
	k := testKey(t, "alice")
	one := big.NewInt(1)
	plus := func(n *big.Int) *big.Int { return new(big.Int).Add(n, one) }
	for name, bad := range map[string]*PrivateKey{
		"x": {PublicKey: PublicKey{P: k.P, Q: k.Q, G: k.G, Y: k.Y}, X: plus(k.X)},
		"y": {PublicKey: PublicKey{P: k.P, Q: k.Q, G: k.G, Y: plus(k.Y)}, X: k.X},
		"g": {PublicKey: PublicKey{P: k.P, Q: k.Q, G: plus(k.G), Y: k.Y}, X: k.X},
		"p": {PublicKey: PublicKey{P: new(big.Int).Add(k.P, big.NewInt(2)), Q: k.Q, G: k.G, Y: k.Y}, X: k.X},
		"q": {PublicKey: PublicKey{P: k.P, Q: plus(k.Q), G: k.G, Y: k.Y}, X: k.X},
	} {
		if err := bad.CheckSaved(); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("damaged %s passed CheckSaved: %v", name, err)
		}
	}
	good := &PrivateKey{PublicKey: k.PublicKey, X: k.X}
	if err := good.CheckSaved(); err != nil {
		t.Fatal(err)
	}
	// g = 4 has order q only by chance; with a y made to match, CheckSaved
	// passes but signing refuses unless g really has order q.
	g := big.NewInt(4)
	odd := &PrivateKey{PublicKey: PublicKey{P: k.P, Q: k.Q, G: g, Y: new(big.Int).Exp(g, k.X, k.P)}, X: k.X}
	if err := odd.CheckSaved(); err != nil {
		t.Fatal(err)
	}
	if new(big.Int).Exp(g, k.Q, k.P).Cmp(one) != 0 {
		if _, err := odd.Sign(nil, make([]byte, 32)); !errors.Is(err, ErrInvalidKey) {
			t.Fatalf("a key whose g lacks order q signed: %v", err)
		}
	}
}
