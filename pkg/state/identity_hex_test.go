package state

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestParseHexAsMathBig: parseHex accepts exactly what it accepted when
// it was math/big's SetString (base 16, after an optional "0x"), with
// the same values, and refuses the rest.
func TestParseHexAsMathBig(t *testing.T) {
	old := func(s string) (*big.Int, bool) {
		if len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X") {
			s = s[2:]
		}
		n, ok := new(big.Int).SetString(s, 16)
		return n, ok && n.Sign() >= 0
	}
	cases := []string{"", "0", "00", "0x", "0X", "0x0", "0xf", "0Xf", "0x0x1", "f", "F", "abcdef", "ABCDEF",
		"123", "0123", "-0", "+0", "-1", "+ff", "0x-0", "0x+a", "1_0", "g", "1g", " 1", "1 ", "x1", "-", "+",
		"ffffffffffffffffffffffffffffffffffffffff", "000000000000000000000001", "\x00", "é"}
	rng := rand.New(rand.NewPCG(3, 4))
	const digits = "0123456789abcdefABCDEF"
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(300) {
			b.WriteByte(digits[rng.IntN(len(digits))])
		}
		s := b.String()
		if rng.IntN(4) == 0 {
			s = "0x" + s
		}
		if s != "" && rng.IntN(10) == 0 {
			i := rng.IntN(len(s))
			s = s[:i] + string("g-+ x_"[rng.IntN(6)]) + s[i+1:]
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		want, wantOK := old(s)
		got, err := parseHex(s)
		if (err == nil) != wantOK || (wantOK && got.Cmp(want) != 0) {
			t.Fatalf("parseHex(%q) = %v, %v; math/big reads %v, %v", s, got, err, want, wantOK)
		}
	}
}
