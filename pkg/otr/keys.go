package otr

//lint:file-ignore SA1019 OTR v2/v3 identities are DSA keys.

import (
	"crypto/dsa" //nolint:staticcheck // OTR v2/v3 authenticate with DSA keys.
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// PublicKey is a long-lived DSA public key (the only key type of OTR v2/v3).
type PublicKey struct {
	P, Q, G, Y *big.Int
}

// PrivateKey is a long-lived DSA key pair. A key built from its fields
// (rather than by GenerateKey or NewPrivateKey) is fully validated the
// first time it signs, so loading a saved key costs no exponentiation.
type PrivateKey struct {
	PublicKey
	X *big.Int

	validated bool
}

// GenerateKey makes a DSA key with a 1024-bit p and 160-bit q, as libotr
// does: fresh parameters (a sieved search, see generateParameters), then x
// drawn and y = g^x computed in constant time.
func GenerateKey(r io.Reader) (*PrivateKey, error) {
	if r == nil {
		r = rand.Reader
	}
	p, q, g, err := generateParameters(r)
	if err != nil {
		return nil, err
	}
	k := &PrivateKey{PublicKey: PublicKey{P: p, Q: q, G: g}}
	d, err := newDSAGroup(&k.PublicKey)
	if err != nil {
		return nil, err
	}
	x, err := d.randomSecret(r)
	if err != nil {
		return nil, err
	}
	k.X = new(big.Int).SetBytes(x.Bytes(d.q))
	k.Y = d.expG(x)
	k.validated = true
	return k, nil
}

// maxDSABits bounds p: FIPS 186 pairs a 160-bit q with a 1024-bit p, and
// no DSA size exceeds 3072 bits.
const maxDSABits = 3072

// ErrInvalidKey is returned for DSA parameters that do not form a usable key.
var ErrInvalidKey = errors.New("otr: invalid DSA key")

// NewPrivateKey builds a key from its P, Q, G and X values (Y is computed)
// and checks that they are consistent.
func NewPrivateKey(p, q, g, x *big.Int) (*PrivateKey, error) {
	k := &PrivateKey{PublicKey: PublicKey{P: p, Q: q, G: g}, X: x}
	if err := k.validate(); err != nil {
		return nil, err
	}
	d, err := newDSAGroup(&k.PublicKey)
	if err != nil {
		return nil, err
	}
	if k.Y, err = d.publicFor(x); err != nil {
		return nil, err
	}
	k.validated = true
	return k, nil
}

func (k *PrivateKey) validate() error {
	if err := k.PublicKey.validateParams(); err != nil {
		return err
	}
	return k.checkPair()
}

// checkPair checks x's range and, when y is set, that y = g^x mod p
// (computed in constant time in x).
func (k *PrivateKey) checkPair() error {
	if k.X == nil || k.X.Sign() <= 0 || k.X.Cmp(k.Q) >= 0 {
		return fmt.Errorf("%w: x must be in (0, q)", ErrInvalidKey)
	}
	if k.Y == nil {
		return nil
	}
	d, err := newDSAGroup(&k.PublicKey)
	if err != nil {
		return err
	}
	y, err := d.publicFor(k.X)
	if err != nil {
		return err
	}
	if y.Cmp(k.Y) != 0 {
		return fmt.Errorf("%w: y does not match g^x mod p", ErrInvalidKey)
	}
	return nil
}

// CheckSaved is the check for a key read back from storage: every range
// and size, q | p-1, and y = g^x mod p (one exponentiation), which catches
// any damage to p, q, g, y or x. It skips only the exponentiation that
// proves g's order, a property of parameters validated when the key was
// made or imported; Sign still runs the full validation before the key
// first signs.
func (k *PrivateKey) CheckSaved() error {
	if k.Y == nil {
		return fmt.Errorf("%w: y is missing", ErrInvalidKey)
	}
	if err := k.PublicKey.checkSizes(); err != nil {
		return err
	}
	return k.checkPair()
}

// Validate checks the key's values for consistency.
func (k *PrivateKey) Validate() error {
	if err := k.validate(); err != nil {
		return err
	}
	k.validated = true
	return nil
}

func (k *PublicKey) validateParams() error {
	if err := k.checkSizes(); err != nil {
		return err
	}
	if new(big.Int).Exp(k.G, k.Q, k.P).Cmp(big.NewInt(1)) != 0 {
		return fmt.Errorf("%w: g does not have order q", ErrInvalidKey)
	}
	return nil
}

// checkSizes makes the checks that need no exponentiation.
func (k *PublicKey) checkSizes() error {
	one := big.NewInt(1)
	switch {
	case k.P == nil || k.Q == nil || k.G == nil:
		return fmt.Errorf("%w: missing p, q or g", ErrInvalidKey)
	case k.Q.BitLen() != 160:
		return fmt.Errorf("%w: q must have 160 bits, has %d", ErrInvalidKey, k.Q.BitLen())
	case k.P.BitLen() < 1024:
		return fmt.Errorf("%w: p must have at least 1024 bits, has %d", ErrInvalidKey, k.P.BitLen())
	case k.P.BitLen() > maxDSABits:
		// A peer's key arrives in the AKE: a huge p would make the checks
		// below (and the signature check) run for minutes.
		return fmt.Errorf("%w: p must have at most %d bits, has %d", ErrInvalidKey, maxDSABits, k.P.BitLen())
	case new(big.Int).Mod(new(big.Int).Sub(k.P, one), k.Q).Sign() != 0:
		return fmt.Errorf("%w: q does not divide p-1", ErrInvalidKey)
	case k.G.Cmp(one) <= 0 || k.G.Cmp(k.P) >= 0:
		return fmt.Errorf("%w: g out of range", ErrInvalidKey)
	case k.Y != nil && (k.Y.Cmp(one) <= 0 || k.Y.Cmp(k.P) >= 0):
		return fmt.Errorf("%w: y out of range", ErrInvalidKey)
	}
	return nil
}

// Serialize returns the key in OTR's PUBKEY encoding: type 0x0000, then p,
// q, g, y as MPIs.
func (k *PublicKey) Serialize() []byte {
	return wire.AppendPubKey(nil, k.P, k.Q, k.G, k.Y)
}

// Fingerprint is the SHA-1 hash of the serialized key without its type
// field, as the spec defines it for DSA keys.
func (k *PublicKey) Fingerprint() []byte {
	h := sha1.Sum(k.Serialize()[2:])
	return h[:]
}

// Equal reports whether k and o are the same key.
func (k *PublicKey) Equal(o *PublicKey) bool {
	return k != nil && o != nil && k.P.Cmp(o.P) == 0 && k.Q.Cmp(o.Q) == 0 &&
		k.G.Cmp(o.G) == 0 && k.Y.Cmp(o.Y) == 0
}

// Sign makes a DSA signature of the 32-byte value m, as r||s with each half
// as long as q (20 bytes). As in libotr, m is not hashed again: its whole
// value, reduced mod q, is what is signed. It runs in constant time in x and in the
// per-signature secret k.
func (k *PrivateKey) Sign(r io.Reader, m []byte) ([]byte, error) {
	if r == nil {
		r = rand.Reader
	}
	if !k.validated {
		if k.Y == nil {
			return nil, fmt.Errorf("%w: y is missing", ErrInvalidKey)
		}
		if err := k.Validate(); err != nil {
			return nil, err
		}
	}
	d, err := newDSAGroup(&k.PublicKey)
	if err != nil {
		return nil, err
	}
	sr, ss, err := d.sign(r, k.X, m)
	if err != nil {
		return nil, err
	}
	return append(sr, ss...), nil
}

// Verify checks a signature made by Sign.
func (k *PublicKey) Verify(m, sig []byte) bool {
	n := (k.Q.BitLen() + 7) / 8
	if len(sig) != 2*n {
		return false
	}
	pub := dsa.PublicKey{Parameters: dsa.Parameters{P: k.P, Q: k.Q, G: k.G}, Y: k.Y}
	r := new(big.Int).SetBytes(sig[:n])
	s := new(big.Int).SetBytes(sig[n:])
	return dsa.Verify(&pub, m, r, s)
}

// SignatureLen is the length of a signature made with this key.
func (k *PublicKey) SignatureLen() int { return 2 * ((k.Q.BitLen() + 7) / 8) }

// FormatFingerprint renders a fingerprint in libotr's human form: five
// groups of eight upper-case hex digits.
func FormatFingerprint(fp []byte) string {
	h := strings.ToUpper(hex.EncodeToString(fp))
	var groups []string
	for len(h) > 8 {
		groups = append(groups, h[:8])
		h = h[8:]
	}
	return strings.Join(append(groups, h), " ")
}

// ParseFingerprint accepts a fingerprint as 40 hex digits, in either case,
// with or without spaces.
func ParseFingerprint(s string) ([]byte, error) {
	h := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	fp, err := hex.DecodeString(h)
	if err != nil || len(fp) != sha1.Size {
		return nil, fmt.Errorf("otr: a fingerprint is 40 hex digits, got %q", s)
	}
	return fp, nil
}
