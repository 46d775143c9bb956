package otr

//lint:file-ignore SA1019 OTR v2/v3 identities are DSA keys.

import (
	"crypto/dsa" //nolint:staticcheck // OTR v2/v3 authenticate with DSA keys.
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	"sync"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// TestHostileAKEWrongState: real AKE messages from another exchange, in
// every state. A D-H Commit always starts a new AKE without touching an
// established session; a D-H Key is taken only in awaiting_dhkey; a Reveal
// Signature or Signature fails its checks in the one state that expects
// it and is ignored in all others.
func TestHostileAKEWrongState(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		tr := foreign(t, f.version)
		state := f.victimState()
		t.Run("dh_commit", func(t *testing.T) {
			g := f.clone(t)
			d := deliver(t, g.victim, tr.commit)
			wantAKE := "awaiting_revealsig"
			if state == "awaiting_dhkey" && g.victim.State.AKE.State == AuthAwaitingDHKey {
				wantAKE = "awaiting_dhkey" // our commit won the collision
			}
			if d.err != nil || len(d.res.Messages) != 1 || string(g.victim.State.AKE.State) != wantAKE {
				t.Fatalf("err %v, replies %d, AKE state %s", d.err, len(d.res.Messages), g.victim.State.AKE.State)
			}
			sessionUnchanged(t, f.victim.State, g.victim.State)
		})
		t.Run("dh_key", func(t *testing.T) {
			g := f.clone(t)
			d := deliver(t, g.victim, tr.dhKey)
			if state != "awaiting_dhkey" {
				d.ignored(t)
				return
			}
			if d.err != nil || g.victimState() != "awaiting_sig" {
				t.Fatalf("err %v, state %s", d.err, g.victimState())
			}
		})
		t.Run("reveal_sig", func(t *testing.T) {
			d := deliver(t, f.clone(t).victim, tr.revealSig)
			if state == "awaiting_revealsig" {
				d.rejected(t, ErrBadSignature) // r does not open our commitment
				return
			}
			d.ignored(t)
		})
		t.Run("sig", func(t *testing.T) {
			d := deliver(t, f.clone(t).victim, tr.sig)
			if state == "awaiting_sig" {
				d.rejected(t, ErrBadMAC)
				return
			}
			d.ignored(t)
		})
	})
}

// sessionUnchanged checks that a new AKE left the established session alone.
func sessionUnchanged(t *testing.T, before, after State) {
	t.Helper()
	if before.MsgState != after.MsgState || marshalState(t, State{Keys: before.Keys}) != marshalState(t, State{Keys: after.Keys}) ||
		string(before.SSID) != string(after.SSID) {
		t.Fatal("an AKE message changed the established session")
	}
}

// sigParts are the pieces of an encrypted signature X a forger controls.
type sigParts struct {
	signer  *PrivateKey // signs M
	pub     []byte      // the PUBKEY placed in X (default: the signer's)
	keyID   uint32
	corrupt bool   // flip a bit of the signature
	extra   []byte // bytes appended to X
}

// forgeSig builds the encrypted signature and MAC of X under the given
// AKE keys, signing the D-H values (the signer's first).
func forgeSig(t *testing.T, p sigParts, aesKey, m1, m2, signerDH, otherDH []byte) ([]byte, [20]byte) {
	t.Helper()
	if p.pub == nil {
		p.pub = p.signer.PublicKey.Serialize()
	}
	sig := rawSign(t, p.signer, signedValue(m1, signerDH, otherDH, p.pub, p.keyID))
	if p.corrupt {
		sig[len(sig)-1] ^= 1
	}
	x := append(wire.AppendInt(append([]byte(nil), p.pub...), p.keyID), sig...)
	enc := aesCTR(aesKey, [8]byte{}, append(x, p.extra...))
	return enc, sigMAC(m2, enc)
}

// sigCases are forged signatures every signature check must refuse.
func sigCases(t *testing.T) map[string]struct {
	parts sigParts
	want  error
} {
	alice, carol := testKey(t, "alice"), testKey(t, "carol")
	badQ := alice.PublicKey
	badQ.Q = new(big.Int).Rsh(badQ.Q, 1)
	badType := alice.PublicKey.Serialize()
	badType[1] = 1
	return map[string]struct {
		parts sigParts
		want  error
	}{
		"bad signature":        {sigParts{signer: alice, keyID: 1, corrupt: true}, ErrBadSignature},
		"other signer":         {sigParts{signer: carol, pub: alice.PublicKey.Serialize(), keyID: 1}, ErrBadSignature},
		"key id 0":             {sigParts{signer: alice, keyID: 0}, ErrMalformed},
		"trailing bytes":       {sigParts{signer: alice, keyID: 1, extra: []byte{0}}, ErrMalformed},
		"invalid DSA q":        {sigParts{signer: alice, pub: badQ.Serialize(), keyID: 1}, ErrInvalidKey},
		"unknown pubkey type":  {sigParts{signer: alice, pub: badType, keyID: 1}, ErrMalformed},
		"truncated public key": {sigParts{signer: alice, pub: alice.PublicKey.Serialize()[:100], keyID: 1}, ErrMalformed},
		"DSA p of 8192 bits":   {sigParts{signer: hugeDSAKey(t), keyID: 1}, ErrInvalidKey},
	}
}

// TestHostileRevealSig: forged Reveal Signature messages in
// awaiting_revealsig (built with the peer's real AKE keys) are refused
// and leave the victim waiting; the honest one still completes the AKE.
func TestHostileRevealSig(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "awaiting_revealsig")
		ake := f.peer.State.AKE // the peer awaits the Signature
		keys := deriveAKEKeys(dh(ake.TheirPublic, ake.OurPrivate))
		honest := decodeLine(t, f.next).(*wire.RevealSig)
		forged := func(edit func(m *wire.RevealSig)) string {
			m := *honest
			edit(&m)
			return encode(&m)
		}
		for name, tc := range sigCases(t) {
			enc, mac := forgeSig(t, tc.parts, keys.c, keys.m1, keys.m2, ake.OurPublic, ake.TheirPublic)
			line := forged(func(m *wire.RevealSig) { m.EncryptedSig, m.MAC = enc, mac })
			t.Run(name, func(t *testing.T) { deliver(t, f.victim, line).rejected(t, tc.want) })
		}
		for name, tc := range map[string]struct {
			edit func(m *wire.RevealSig)
			want error
		}{
			"MAC":             {func(m *wire.RevealSig) { m.MAC[0] ^= 1 }, ErrBadMAC},
			"wrong r":         {func(m *wire.RevealSig) { m.Key = make([]byte, 16) }, ErrBadSignature},
			"r of 15 bytes":   {func(m *wire.RevealSig) { m.Key = m.Key[:15] }, ErrMalformed},
			"r of 17 bytes":   {func(m *wire.RevealSig) { m.Key = append(m.Key, 0) }, ErrMalformed},
			"r empty":         {func(m *wire.RevealSig) { m.Key = nil }, ErrMalformed},
			"sender tag 0xff": {func(m *wire.RevealSig) { m.SenderTag = 0xff }, ErrMalformed},
			"empty signature": {func(m *wire.RevealSig) { m.EncryptedSig, m.MAC = nil, sigMAC(keys.m2, nil) }, ErrMalformed},
		} {
			if v == 2 && name == "sender tag 0xff" {
				continue
			}
			t.Run(name, func(t *testing.T) { deliver(t, f.victim, forged(tc.edit)).rejected(t, tc.want) })
		}
		if v == 3 {
			deliver(t, f.victim, forged(func(m *wire.RevealSig) { m.SenderTag = 0x9999 })).ignored(t)
			deliver(t, f.victim, forged(func(m *wire.RevealSig) { m.ReceiverTag = 0x9999 })).ignored(t)
			deliver(t, f.victim, forged(func(m *wire.RevealSig) { m.Version, m.SenderTag, m.ReceiverTag = 2, 0, 0 })).ignored(t)
		}
		must(t, f.victim, f.next)
		if f.victimState() != "encrypted" {
			t.Fatalf("v%d: the honest Reveal Signature after the forgeries left %s", v, f.victimState())
		}
	}
}

// TestHostileCommitMismatch: a D-H Commit whose hash is not that of the
// g^x it hides is refused when revealed.
func TestHostileCommitMismatch(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "plaintext")
		gx := wire.AppendMPI(nil, big.NewInt(5))
		line, r := f.commitFor(t, gx)
		m := decodeLine(t, line).(*wire.DHCommit)
		other := sha256.Sum256(wire.AppendMPI(nil, big.NewInt(7)))
		m.HashedGx = other[:]
		must(t, f.victim, encode(m))
		deliver(t, f.victim, f.revealSig(r)).rejected(t, ErrBadSignature)
		if f.victimState() != "awaiting_revealsig" {
			t.Fatalf("state %s", f.victimState())
		}
	}
}

// TestHostileSig: forged Signature messages in awaiting_sig (built with the
// AKE keys the victim holds) are refused and leave the victim waiting; the
// honest one still completes the AKE.
func TestHostileSig(t *testing.T) {
	for _, v := range hostileVersions {
		f := getFixture(t, v, "awaiting_sig")
		ake := f.victim.State.AKE
		keys := deriveAKEKeys(dh(ake.TheirPublic, ake.OurPrivate))
		honest := decodeLine(t, f.next).(*wire.Sig)
		forged := func(edit func(m *wire.Sig)) string {
			m := *honest
			edit(&m)
			return encode(&m)
		}
		for name, tc := range sigCases(t) {
			enc, mac := forgeSig(t, tc.parts, keys.cPrime, keys.m1p, keys.m2p, ake.TheirPublic, ake.OurPublic)
			line := forged(func(m *wire.Sig) { m.EncryptedSig, m.MAC = enc, mac })
			t.Run(name, func(t *testing.T) { deliver(t, f.victim, line).rejected(t, tc.want) })
		}
		// Keys of the wrong half of the AKE (the Reveal Signature's) fail.
		enc, mac := forgeSig(t, sigParts{signer: testKey(t, "alice"), keyID: 1}, keys.c, keys.m1, keys.m2, ake.TheirPublic, ake.OurPublic)
		deliver(t, f.victim, forged(func(m *wire.Sig) { m.EncryptedSig, m.MAC = enc, mac })).rejected(t, ErrBadMAC)
		deliver(t, f.victim, forged(func(m *wire.Sig) { m.MAC[19] ^= 1 })).rejected(t, ErrBadMAC)
		if v == 3 {
			deliver(t, f.victim, forged(func(m *wire.Sig) { m.SenderTag = 0x9999 })).ignored(t)
			deliver(t, f.victim, forged(func(m *wire.Sig) { m.SenderTag = 0xff })).rejected(t, ErrMalformed)
			deliver(t, f.victim, forged(func(m *wire.Sig) { m.Version, m.SenderTag, m.ReceiverTag = 2, 0, 0 })).ignored(t)
		}
		must(t, f.victim, f.next)
		if f.victimState() != "encrypted" {
			t.Fatalf("v%d: the honest Signature after the forgeries left %s", v, f.victimState())
		}
	}
}

var (
	hugeKeyOnce sync.Once
	hugeKey     *PrivateKey
)

// hugeDSAKey is a DSA key whose p has about 8192 bits and passes every
// other parameter check, as a hostile peer can make one: p = P·m with P
// alice's prime and m ≡ 1 (mod q), so q | p-1, and g ≡ G (mod P), g ≡ 1
// (mod m) has order q. Without a bound on p the victim would verify with
// it (a p of a million bits takes a minute per exponentiation).
func hugeDSAKey(t *testing.T) *PrivateKey {
	hugeKeyOnce.Do(func() {
		a := testKey(t, "alice")
		one := big.NewInt(1)
		m := new(big.Int).Add(new(big.Int).Mul(a.Q, new(big.Int).Lsh(one, 7000)), one)
		p := new(big.Int).Mul(a.P, m)
		mInv := new(big.Int).ModInverse(m, a.P)
		lift := new(big.Int).Mod(new(big.Int).Mul(new(big.Int).Sub(a.G, one), mInv), a.P)
		g := new(big.Int).Add(one, new(big.Int).Mul(m, lift))
		x := big.NewInt(123456789)
		hugeKey = &PrivateKey{PublicKey: PublicKey{P: p, Q: a.Q, G: g, Y: new(big.Int).Exp(g, x, p)}, X: x}
	})
	return hugeKey
}

// rawSign signs like PrivateKey.Sign without checking the key, as a
// hostile peer would.
func rawSign(t *testing.T, k *PrivateKey, m []byte) []byte {
	dk := dsa.PrivateKey{
		PublicKey: dsa.PublicKey{Parameters: dsa.Parameters{P: k.P, Q: k.Q, G: k.G}, Y: k.Y},
		X:         k.X,
	}
	r, s, err := dsa.Sign(rand.Reader, &dk, m)
	if err != nil {
		t.Fatal(err)
	}
	n := (k.Q.BitLen() + 7) / 8
	sig := make([]byte, 2*n)
	r.FillBytes(sig[:n])
	s.FillBytes(sig[n:])
	return sig
}
