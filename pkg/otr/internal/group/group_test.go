package group

import (
	"bytes"
	"crypto/rand"
	"math/big"
	mrand "math/rand/v2"
	"testing"
)

// seeded gives reproducible "random" bytes for property tests.
func seeded(seed uint64) *mrand.ChaCha8 {
	var s [32]byte
	s[0] = byte(seed)
	return mrand.NewChaCha8(s)
}

func randomElement(t testing.TB, r *mrand.ChaCha8) *big.Int {
	t.Helper()
	b := make([]byte, Size)
	r.Read(b)
	x := new(big.Int).SetBytes(b)
	return x.Mod(x, PMinus2).Add(x, G) // in [2, p-1)
}

func randomBytes(r *mrand.ChaCha8, n int) []byte {
	b := make([]byte, n)
	r.Read(b)
	return b
}

func bigExp(base *big.Int, e []byte) *big.Int {
	return new(big.Int).Exp(base, new(big.Int).SetBytes(e), P)
}

func TestExpMatchesMathBig(t *testing.T) {
	r := seeded(1)
	for _, n := range []int{0, 1, 20, 32, 40, 191, 192, 193} {
		base, e := randomElement(t, r), randomBytes(r, n)
		if got, want := Exp(base, e), bigExp(base, e); got.Cmp(want) != 0 {
			t.Errorf("Exp with %d-byte exponent differs from math/big", n)
		}
		if got, want := ExpG(e), bigExp(G, e); got.Cmp(want) != 0 {
			t.Errorf("ExpG with %d-byte exponent differs from math/big", n)
		}
	}
}

func TestExpGEdgeExponents(t *testing.T) {
	qb := Q.Bytes()
	pm1 := new(big.Int).Sub(P, big.NewInt(1)).Bytes()
	for name, e := range map[string][]byte{
		"empty": nil, "zero": make([]byte, Size), "one": {1}, "q": qb,
		"p-1": pm1, "all ones": bytes.Repeat([]byte{0xff}, Size),
	} {
		if got, want := ExpG(e), bigExp(G, e); got.Cmp(want) != 0 {
			t.Errorf("ExpG(%s) differs from math/big", name)
		}
	}
}

func TestFixedBaseMatchesMathBig(t *testing.T) {
	r := seeded(2)
	base := randomElement(t, r)
	f := NewFixedBase(base, 64)
	for i := 0; i < 20; i++ {
		e := randomBytes(r, 1+int(r.Uint64()%64))
		if got, want := f.Exp(e), bigExp(base, e); got.Cmp(want) != 0 {
			t.Fatalf("FixedBase.Exp(%x) differs from math/big", e)
		}
	}
}

func TestExpGMulAndMultiExpMatchMathBig(t *testing.T) {
	r := seeded(3)
	for i := 0; i < 8; i++ {
		h, k := randomElement(t, r), randomElement(t, r)
		a, b, c := randomBytes(r, Size), randomBytes(r, 1+int(r.Uint64()%Size)), randomBytes(r, 32)
		want := Mul(bigExp(G, a), bigExp(h, b))
		if got := ExpGMul(a, h, b); got.Cmp(want) != 0 {
			t.Fatal("ExpGMul differs from math/big")
		}
		want = Mul(want, bigExp(k, c))
		if got := MultiExp([]*big.Int{G, h, k}, [][]byte{a, b, c}); got.Cmp(want) != 0 {
			t.Fatal("MultiExp differs from math/big")
		}
	}
}

func TestMontgomeryRoundTripAndProduct(t *testing.T) {
	r := seeded(4)
	for i := 0; i < 50; i++ {
		x, y := randomElement(t, r), randomElement(t, r)
		mx, my := toMont(x), toMont(y)
		if fromMont(&mx).Cmp(x) != 0 {
			t.Fatal("Montgomery round trip changed the value")
		}
		var mz elem
		montMul(&mz, &mx, &my)
		if fromMont(&mz).Cmp(Mul(x, y)) != 0 {
			t.Fatal("montMul differs from math/big")
		}
	}
	pm1 := new(big.Int).Sub(P, big.NewInt(1)) // largest operands: carries
	m := toMont(pm1)
	var sq elem
	montMul(&sq, &m, &m)
	if fromMont(&sq).Cmp(big.NewInt(1)) != 0 {
		t.Fatal("(p-1)^2 should be 1")
	}
}

func TestDivInvertsMul(t *testing.T) {
	r := seeded(5)
	a, b := randomElement(t, r), randomElement(t, r)
	if Div(Mul(a, b), b).Cmp(a) != 0 {
		t.Fatal("Div(a·b, b) != a")
	}
}

func TestInRangeEdges(t *testing.T) {
	one := big.NewInt(1)
	tests := []struct {
		name string
		x    *big.Int
		want bool
	}{
		{"nil", nil, false},
		{"negative", big.NewInt(-2), false},
		{"0", big.NewInt(0), false},
		{"1", one, false},
		{"2", big.NewInt(2), true},
		{"p-2", PMinus2, true},
		{"p-1", new(big.Int).Sub(P, one), false},
		{"p", P, false},
		{"p+1", new(big.Int).Add(P, one), false},
	}
	for _, tc := range tests {
		if got := InRange(tc.x); got != tc.want {
			t.Errorf("InRange(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRandomExponentBits(t *testing.T) {
	e, err := RandomExponent(rand.Reader, 1535)
	if err != nil {
		t.Fatal(err)
	}
	if len(e) != Size || e[0]&0x80 != 0 {
		t.Fatalf("1535-bit exponent: %d bytes, top byte %#x", len(e), e[0])
	}
}

// TestExpGBothPaths: ExpG agrees with math/big before and after it switches
// to the fixed-base table.
func TestExpGBothPaths(t *testing.T) {
	r := seeded(7)
	for i := 0; i < 2*gTableAfter+2; i++ {
		e := randomBytes(r, []int{40, 192, 1}[i%3])
		if got, want := ExpG(e), bigExp(G, e); got.Cmp(want) != 0 {
			t.Fatalf("call %d: ExpG differs from math/big", i)
		}
	}
	if gExpCalls.Load() <= gTableAfter || gTable == nil {
		t.Fatal("the fixed-base table was never used")
	}
}
