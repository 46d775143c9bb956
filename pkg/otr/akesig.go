package otr

import (
	"crypto/subtle"
	"fmt"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// akeKeyID is the key id of the D-H key used in the AKE.
const akeKeyID = 1

// encryptedSig is the encrypted signature field of an AKE message and its MAC.
type encryptedSig struct {
	encrypted []byte
	mac       [20]byte
}

// signedValue is M: the SHA256-HMAC under m1 of both D-H values, the
// signer's public key and key id (the signer's own D-H value first).
func signedValue(m1, signerDH, otherDH, pubKey []byte, keyID uint32) []byte {
	data := wire.AppendMPI(nil, new(big.Int).SetBytes(signerDH))
	data = wire.AppendMPI(data, new(big.Int).SetBytes(otherDH))
	data = append(data, pubKey...)
	return kdf.HMACSHA256(m1, wire.AppendInt(data, keyID))
}

// sigMAC is the SHA256-HMAC-160 under m2 of the encrypted signature field,
// its length included.
func sigMAC(m2, encrypted []byte) [20]byte {
	var mac [20]byte
	copy(mac[:], kdf.HMACSHA256(m2, wire.AppendData(nil, encrypted)))
	return mac
}

// encryptedSignature builds X = (pub, keyid, sig(M)) encrypted under c,
// with its MAC under m2.
func (c *Conversation) encryptedSignature(aesKey, m1, m2, ourDH, theirDH []byte) (encryptedSig, error) {
	pub := c.Config.PrivateKey.PublicKey.Serialize()
	sig, err := c.Config.PrivateKey.Sign(c.Config.rand(), signedValue(m1, ourDH, theirDH, pub, akeKeyID))
	// pub is ours alone (Serialize returns a fresh slice), so X may extend it.
	if err != nil {
		return encryptedSig{}, fmt.Errorf("otr: signing: %w", err)
	}
	x := wire.AppendInt(pub, akeKeyID)
	enc := aesCTR(aesKey, [8]byte{}, append(x, sig...))
	return encryptedSig{encrypted: enc, mac: sigMAC(m2, enc)}, nil
}

// verifySignature checks the MAC, decrypts X and verifies the peer's
// signature; it returns the peer's long-lived key and D-H key id.
func (c *Conversation) verifySignature(aesKey, m1, m2, encrypted []byte, mac [20]byte, theirDH, ourDH []byte) (*PublicKey, uint32, error) {
	want := sigMAC(m2, encrypted)
	if !hmacEqual(want[:], mac[:]) {
		return nil, 0, fmt.Errorf("%w: AKE signature MAC", ErrBadMAC)
	}
	r := wire.NewReader(aesCTR(aesKey, [8]byte{}, encrypted))
	p, q, g, y := r.PubKey("public key")
	keyID := r.Int("key id")
	if r.Err() != nil {
		return nil, 0, fmt.Errorf("%w: encrypted signature: %v", ErrMalformed, r.Err())
	}
	pub := &PublicKey{P: p, Q: q, G: g, Y: y}
	if err := pub.validateParams(); err != nil {
		return nil, 0, err
	}
	sig := r.Fixed(pub.SignatureLen(), "signature")
	if err := r.Done(); err != nil {
		return nil, 0, fmt.Errorf("%w: encrypted signature: %v", ErrMalformed, err)
	}
	if keyID == 0 {
		return nil, 0, fmt.Errorf("%w: D-H key id 0", ErrMalformed)
	}
	if !pub.Verify(signedValue(m1, theirDH, ourDH, pub.Serialize(), keyID), sig) {
		return nil, 0, ErrBadSignature
	}
	return pub, keyID, nil
}

// hmacEqual compares MACs (and hashes) in constant time.
func hmacEqual(a, b []byte) bool { return subtle.ConstantTimeCompare(a, b) == 1 }
