package state

import (
	"fmt"
	"math/big"
	"time"

	"github.com/otrtool/otr/pkg/otr"
)

// Identity is the local side: the long-lived DSA key, the v3 instance tag
// (kept across runs, as peers rely on it) and the policy.
type Identity struct {
	Version     int        `toml:"version"`
	Created     time.Time  `toml:"created"`
	InstanceTag uint32     `toml:"instance_tag"`
	Policy      otr.Policy `toml:"policy"`
	Key         KeyParams  `toml:"key"`

	key *otr.PrivateKey // parsed and checked once per load
}

// PrivateKey is the parsed key, checked once and then cached (the checks
// cost modular exponentiations on every invocation otherwise).
func (id *Identity) PrivateKey() (*otr.PrivateKey, error) {
	if id.key == nil {
		k, err := id.Key.PrivateKey()
		if err != nil {
			return nil, err
		}
		id.key = k
	}
	return id.key, nil
}

// KeyParams is a DSA private key as hex numbers (P, Q, G, Y public; X secret).
type KeyParams struct {
	P string `toml:"p"`
	Q string `toml:"q"`
	G string `toml:"g"`
	Y string `toml:"y"`
	X string `toml:"x"`
}

// NewIdentity builds an identity from a key and an instance tag, with the
// default policy.
func NewIdentity(key *otr.PrivateKey, tag uint32, now time.Time) *Identity {
	return &Identity{
		Version:     FormatVersion,
		Created:     now.UTC().Truncate(time.Second),
		InstanceTag: tag,
		Policy:      otr.DefaultPolicy(),
		Key:         ParamsOf(key),
	}
}

// ParamsOf renders a key's numbers as hex.
func ParamsOf(k *otr.PrivateKey) KeyParams {
	h := func(n *big.Int) string { return n.Text(16) }
	return KeyParams{P: h(k.P), Q: h(k.Q), G: h(k.G), Y: h(k.Y), X: h(k.X)}
}

// PrivateKey parses and checks the key (Y, when present, must be g^x).
func (p KeyParams) PrivateKey() (*otr.PrivateKey, error) {
	if p.Y == "" {
		nums, err := p.numbers()
		if err != nil {
			return nil, err
		}
		return otr.NewPrivateKey(nums[0], nums[1], nums[2], nums[3])
	}
	k, err := p.parse()
	if err != nil {
		return nil, err
	}
	// Loaded on every invocation: the one-exponentiation check catches any
	// damage; the full validation waits until the key first signs.
	if err := k.CheckSaved(); err != nil {
		return nil, err
	}
	return k, nil
}

// numbers parses p, q, g and x.
func (p KeyParams) numbers() ([4]*big.Int, error) {
	var nums [4]*big.Int
	for i, s := range []string{p.P, p.Q, p.G, p.X} {
		n, err := parseHex(s)
		if err != nil {
			return nums, fmt.Errorf("key %c: %w", "pqgx"[i], err)
		}
		nums[i] = n
	}
	return nums, nil
}

// parse reads a saved key (y included) without checking it.
func (p KeyParams) parse() (*otr.PrivateKey, error) {
	nums, err := p.numbers()
	if err != nil {
		return nil, err
	}
	if p.Y == "" {
		return nil, fmt.Errorf("key y: missing")
	}
	y, err := parseHex(p.Y)
	if err != nil {
		return nil, fmt.Errorf("key y: %w", err)
	}
	return &otr.PrivateKey{PublicKey: otr.PublicKey{P: nums[0], Q: nums[1], G: nums[2], Y: y}, X: nums[3]}, nil
}

// stepKey is the key for one protocol step: parsed and range-checked, but
// without the exponentiation y = g^x. A step on an established session
// (send, recv of data) never uses x, and the library fully validates the
// key (y = g^x and g's order) before it first signs, so a damaged key is
// still refused before it signs anything; only the error comes later.
func (p KeyParams) stepKey() (*otr.PrivateKey, error) {
	k, err := p.parse()
	if err != nil {
		return nil, err
	}
	one := big.NewInt(1)
	switch {
	case k.Q.BitLen() != 160 || k.P.BitLen() < 1024 || k.P.BitLen() > 3072:
		return nil, fmt.Errorf("%w: wrong sizes of p or q", otr.ErrInvalidKey)
	case k.G.Cmp(one) <= 0 || k.G.Cmp(k.P) >= 0 || k.Y.Cmp(one) <= 0 || k.Y.Cmp(k.P) >= 0:
		return nil, fmt.Errorf("%w: g or y out of range", otr.ErrInvalidKey)
	case k.X.Sign() <= 0 || k.X.Cmp(k.Q) >= 0:
		return nil, fmt.Errorf("%w: x must be in (0, q)", otr.ErrInvalidKey)
	}
	return k, nil
}

// parseHex reads a non-negative hex number, with or without "0x".
func parseHex(s string) (*big.Int, error) {
	if len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X") {
		s = s[2:]
	}
	if n, ok := hexDigits(s); ok {
		return n, nil
	}
	// What else math/big takes (a sign, "-0" included), as before.
	n, ok := new(big.Int).SetString(s, 16)
	if !ok || n.Sign() < 0 {
		return nil, fmt.Errorf("not a hex number") // the value may be secret
	}
	return n, nil
}

// hexDigits reads s if it is one or more hex digits and nothing else, as
// every saved key is: bytes into SetBytes, several times cheaper than
// SetString's general parser (the identity's five numbers are read at
// every start), and in constant time (otr.Bytes: x is secret).
func hexDigits(s string) (*big.Int, bool) {
	if s == "" {
		return nil, false
	}
	text := make([]byte, len(s)%2, len(s)+1) // a leading 0 evens an odd count
	if len(text) == 1 {
		text[0] = '0'
	}
	text = append(text, s...)
	defer clear(text)
	var b otr.Bytes
	if b.UnmarshalText(text) != nil {
		return nil, false
	}
	defer clear(b)
	return new(big.Int).SetBytes(b), true
}

// ParseHex is parseHex for callers importing keys from flags.
func ParseHex(s string) (*big.Int, error) { return parseHex(s) }

func (id *Identity) check() error {
	if id.Version != FormatVersion {
		return fmt.Errorf("%w %d (this program reads version %d)", ErrVersion, id.Version, FormatVersion)
	}
	if id.InstanceTag < otr.MinInstanceTag {
		return fmt.Errorf("instance_tag %#x is below the minimum %#x", id.InstanceTag, otr.MinInstanceTag)
	}
	return nil
}
