package otr

//lint:file-ignore SA1019 OTR v2/v3 identities are DSA keys.

import (
	"bytes"
	"crypto/dsa" //nolint:staticcheck // checking our signatures against the standard library's DSA.
	"crypto/rand"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
)

// checkFIPS186 makes the checks FIPS 186 asks of DSA-1024/160 domain
// parameters and a key pair.
func checkFIPS186(t *testing.T, k *PrivateKey) {
	t.Helper()
	one := big.NewInt(1)
	pm1 := new(big.Int).Sub(k.P, one)
	switch {
	case k.P.BitLen() != 1024 || k.Q.BitLen() != 160:
		t.Fatalf("sizes %d/%d, want 1024/160", k.P.BitLen(), k.Q.BitLen())
	case new(big.Int).Mod(pm1, k.Q).Sign() != 0:
		t.Fatal("q does not divide p-1")
	case !k.P.ProbablyPrime(40) || !k.Q.ProbablyPrime(40):
		t.Fatal("p or q is not prime")
	case k.G.Cmp(one) <= 0 || k.G.Cmp(pm1) >= 0:
		t.Fatal("g out of (1, p-1)")
	case new(big.Int).Exp(k.G, k.Q, k.P).Cmp(one) != 0:
		t.Fatal("g^q != 1 mod p")
	case k.X.Sign() <= 0 || k.X.Cmp(k.Q) >= 0:
		t.Fatal("x out of (0, q)")
	case new(big.Int).Exp(k.G, k.X, k.P).Cmp(k.Y) != 0:
		t.Fatal("y != g^x mod p")
	}
	if err := k.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestGenerateKeyFIPS186(t *testing.T) {
	seen := map[string]bool{}
	for range 3 {
		k, err := GenerateKey(nil)
		if err != nil {
			t.Fatal(err)
		}
		checkFIPS186(t, k)
		if fp := string(k.Fingerprint()); seen[fp] {
			t.Fatal("two generated keys are the same")
		} else {
			seen[fp] = true
		}
		checkSignatures(t, k)
	}
}

func TestGenerateKeyBrokenRandom(t *testing.T) {
	if _, err := GenerateKey(bytes.NewReader(make([]byte, 100))); err == nil {
		t.Fatal("GenerateKey succeeded on 100 bytes of randomness")
	}
}

// checkSignatures signs random 32-byte values and checks each signature
// with crypto/dsa.Verify (which, like libotr, signs the whole value) and
// with Verify; a changed value must not verify.
func checkSignatures(t *testing.T, k *PrivateKey) {
	t.Helper()
	pub := dsa.PublicKey{Parameters: dsa.Parameters{P: k.P, Q: k.Q, G: k.G}, Y: k.Y}
	for i := range 20 {
		m := make([]byte, 32)
		rand.Read(m)
		if i == 0 {
			copy(m, bytes.Repeat([]byte{0xff}, 32)) // above q even in its top 160 bits
		}
		sig, err := k.Sign(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		r, s := new(big.Int).SetBytes(sig[:20]), new(big.Int).SetBytes(sig[20:])
		if len(sig) != 40 || !dsa.Verify(&pub, m, r, s) || !k.Verify(m, sig) {
			t.Fatalf("signature %d of %x does not verify", i, m)
		}
		m[31] ^= 1
		if dsa.Verify(&pub, m, r, s) || k.Verify(m, sig) {
			t.Fatal("a signature verifies for another value")
		}
	}
}

func TestSignVerifiesWithCryptoDSA(t *testing.T) {
	for _, name := range []string{"alice", "bob"} {
		k := testKey(t, name)
		loaded := &PrivateKey{PublicKey: k.PublicKey, X: k.X} // as read from a file: validated at first use
		checkSignatures(t, loaded)
	}
}

func TestSignDegenerateRandom(t *testing.T) {
	k := testKey(t, "alice")
	_, err := k.Sign(bytes.NewReader(make([]byte, 4096)), make([]byte, 32))
	if !errors.Is(err, errBadRandom) {
		t.Fatalf("Sign with an all-zero random source: %v, want errBadRandom", err)
	}
}

func TestNewPrivateKeyComputesY(t *testing.T) {
	a := testKey(t, "alice")
	k, err := NewPrivateKey(a.P, a.Q, a.G, a.X)
	if err != nil {
		t.Fatal(err)
	}
	if k.Y.Cmp(new(big.Int).Exp(a.G, a.X, a.P)) != 0 {
		t.Fatal("NewPrivateKey: y != g^x")
	}
	bad := &PrivateKey{PublicKey: a.PublicKey, X: new(big.Int).Add(a.X, big.NewInt(1))}
	if err := bad.CheckSaved(); !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("CheckSaved with the wrong x: %v", err)
	}
}

// TestSieveMarksExactlySmallFactors checks the sieve against plain
// arithmetic: a candidate is marked if and only if an odd prime below
// sieveLimit divides it.
func TestSieveMarksExactlySmallFactors(t *testing.T) {
	q, err := randomQ(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	twoQ := new(big.Int).Lsh(q, 1)
	var p0 *big.Int
	for p0 == nil {
		x, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), dsaPBits-1))
		p0 = firstCandidate(x.SetBit(x, dsaPBits-1, 1), twoQ)
	}
	primorial := big.NewInt(1)
	for _, b := range sievePrimes() {
		for _, s := range b.primes {
			primorial.Mul(primorial, new(big.Int).SetUint64(s))
		}
	}
	composite := sieve(p0, twoQ)
	c, g := new(big.Int), new(big.Int)
	marked := 0
	for i, out := range composite {
		c.Mul(twoQ, big.NewInt(int64(i))).Add(c, p0)
		if c.Bit(0) != 1 || new(big.Int).Mod(new(big.Int).Sub(c, big.NewInt(1)), twoQ).Sign() != 0 {
			t.Fatalf("candidate %d is not 1 mod 2q", i)
		}
		hasSmall := g.GCD(nil, nil, c, primorial).Cmp(big.NewInt(1)) != 0
		if out != hasSmall {
			t.Fatalf("candidate %d: marked %v, has a small factor %v", i, out, hasSmall)
		}
		if out {
			marked++
		}
	}
	// Mertens: about 1 - 2e^-γ/ln(2^16) ≈ 90% of odd numbers have a factor below 2^16.
	if marked < sieveWindow*85/100 || marked > sieveWindow*95/100 {
		t.Fatalf("%d of %d marked, want about 90%%", marked, sieveWindow)
	}
}

// TestSecretsStayOutOfVariableTimeCode reads this package's source: the
// DSA secret x must never reach a math/big exponentiation, and signing
// must not go through crypto/dsa.Sign (documented as not constant time).
func TestSecretsStayOutOfVariableTimeCode(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "dsa" && sel.Sel.Name != "Verify" {
				t.Errorf("%s: crypto/dsa.%s used outside verification", fset.Position(call.Pos()), sel.Sel.Name)
			}
			if sel.Sel.Name == "Exp" && len(call.Args) == 3 && mentionsX(call.Args[1]) {
				t.Errorf("%s: the DSA secret goes through math/big's Exp", fset.Position(call.Pos()))
			}
			return true
		})
	}
}

// mentionsX reports whether an expression names x or X (k.X, x).
func mentionsX(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && (id.Name == "x" || id.Name == "X") {
			found = true
		}
		return true
	})
	return found
}
