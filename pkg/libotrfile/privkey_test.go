package libotrfile

import (
	"bytes"
	"crypto/rand"
	"errors"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

// testdata/two.private_key was written by libotr 4.1.1 (keytool gen);
// these are the fingerprints libotr printed for it (keytool fp).
var twoKeysFingerprints = []struct{ name, protocol, fingerprint string }{
	{"alice@example.org", "prpl-jabber", "81D8F1F3 B3D22EE9 887CC865 7CB68D11 8A3396A2"},
	{`bob the "builder"`, "IRC", "42C56C22 310EE67D FFF7A979 8AA69209 433E749D"},
}

func readTestFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustReadKeys(t *testing.T, in []byte) []Account {
	t.Helper()
	accounts, err := ReadPrivateKeys(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	return accounts
}

// deriveKey makes another key on base's group with a fresh random x.
func deriveKey(t *testing.T, base *otr.PrivateKey) *otr.PrivateKey {
	t.Helper()
	x, err := rand.Int(rand.Reader, new(big.Int).Sub(base.Q, big.NewInt(1)))
	if err != nil {
		t.Fatal(err)
	}
	k, err := otr.NewPrivateKey(base.P, base.Q, base.G, x.Add(x, big.NewInt(1)))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestReadPrivateKeysFromLibotr(t *testing.T) {
	in := readTestFile(t, "two.private_key")
	accounts := mustReadKeys(t, in)
	if len(accounts) != len(twoKeysFingerprints) {
		t.Fatalf("got %d accounts, want %d", len(accounts), len(twoKeysFingerprints))
	}
	for i, want := range twoKeysFingerprints {
		a := accounts[i]
		got := otr.FormatFingerprint(a.Key.Fingerprint())
		if a.Name != want.name || a.Protocol != want.protocol || got != want.fingerprint {
			t.Errorf("account %d: got %q %q %s, want %q %q %s", i, a.Name, a.Protocol, got, want.name, want.protocol, want.fingerprint)
		}
	}
	var out bytes.Buffer
	if err := WritePrivateKeys(&out, accounts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), in) {
		t.Errorf("rewriting libotr's file changed it:\n%s\nwant:\n%s", out.Bytes(), in)
	}
}

// printCanonical renders s in libgcrypt's canonical form (N:bytes).
func printCanonical(s *sexp) string {
	if !s.isList {
		return strconv.Itoa(len(s.atom)) + ":" + string(s.atom)
	}
	var b strings.Builder
	b.WriteByte('(')
	for _, c := range s.list {
		b.WriteString(printCanonical(c))
	}
	return b.String() + ")"
}

func TestReadPrivateKeysOtherForms(t *testing.T) {
	in := readTestFile(t, "two.private_key")
	want := mustReadKeys(t, in)
	tree, err := parseSexp(in)
	if err != nil {
		t.Fatal(err)
	}
	canonical := printCanonical(tree)
	forms := map[string]string{
		"canonical": canonical,
		"CRLF":      strings.ReplaceAll(string(in), "\n", "\r\n"),
		"base64 and raw atoms": strings.NewReplacer(
			`(name "alice@example.org")`, "(name |YWxpY2VAZXhhbXBsZS5vcmc=|)",
			"(protocol prpl-jabber)", "(protocol 11:prpl-jabber)").Replace(string(in)),
	}
	for name, text := range forms {
		t.Run(name, func(t *testing.T) {
			got := mustReadKeys(t, []byte(text))
			for i := range want {
				if got[i].Name != want[i].Name || !got[i].Key.Equal(&want[i].Key.PublicKey) || got[i].Key.X.Cmp(want[i].Key.X) != 0 {
					t.Errorf("account %d differs", i)
				}
			}
		})
	}
}

func TestReadPrivateKeysErrors(t *testing.T) {
	in := string(readTestFile(t, "two.private_key"))
	alice := mustReadKeys(t, []byte(in))[0].Key
	yHex := strings.ToUpper(alice.Y.Text(16))
	replace := func(old, new string) string {
		if !strings.Contains(in, old) {
			t.Fatalf("test file lacks %q", old)
		}
		return strings.Replace(in, old, new, 1)
	}
	wrongY := new(big.Int).Add(alice.Y, big.NewInt(1))
	tests := []struct {
		name, in string
		is       error
		line     int
		text     string
	}{
		{"not privkeys", replace("(privkeys", "(pubkeys"), ErrFormat, 1, "(privkeys"},
		{"not an account", replace("(account", "(acount"), ErrFormat, 2, "account 1"},
		{"missing name", replace("(name ", "(nom "), ErrFormat, 2, "missing (name"},
		{"missing protocol", replace("(protocol IRC)", ""), ErrFormat, 15, "missing (protocol"},
		{"name is a list", replace(`(name "alice@example.org")`, "(name (x))"), ErrFormat, 2, "missing (name"},
		{"not DSA", replace("(dsa", "(rsa"), ErrFormat, 2, "not a DSA key"},
		{"missing x", replace("(x ", "(z "), ErrFormat, 2, "missing (x"},
		{"y mismatch", replace(yHex, strings.ToUpper(wrongY.Text(16))), otr.ErrInvalidKey, 2, `"alice@example.org" ("prpl-jabber")`},
		{"x out of range", replace("(x ", "(x #00"+strings.Repeat("FF", 21)+"#) (old "), otr.ErrInvalidKey, 2, "x must be"},
		{"p too large", replace("(p ", "(p #"+strings.Repeat("FF", 400)+"#) (old "), otr.ErrInvalidKey, 2, "p has 3200 bits"},
		{"syntax", replace("(q ", "(q {"), ErrSyntax, 8, "unexpected character"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadPrivateKeys(strings.NewReader(tc.in))
			var pe *PosError
			if !errors.Is(err, tc.is) || !errors.As(err, &pe) {
				t.Fatalf("got %v, want a PosError wrapping %v", err, tc.is)
			}
			if pe.Line != tc.line || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("got %q at line %d, want %q at line %d", err, pe.Line, tc.text, tc.line)
			}
			if strings.Contains(err.Error(), strings.ToUpper(alice.X.Text(16))) {
				t.Errorf("error text leaks x: %v", err)
			}
		})
	}
}

func TestReadPrivateKeysTooLarge(t *testing.T) {
	big := "(privkeys " + strings.Repeat(" ", MaxPrivateKeyFileSize) + ")"
	if _, err := ReadPrivateKeys(strings.NewReader(big)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
}

func TestWriteReadOddNames(t *testing.T) {
	base := mustReadKeys(t, readTestFile(t, "two.private_key"))[0].Key
	names := []string{
		"", "prpl-jabber", "7of9", "alice@example.org", "quote\" apostrophe' backslash\\",
		"tab\tnewline\ncr\r", "caf\xc3\xa9", "\xe2\x82\xacuro", "euro \xe2\x82\xac", "ctl\x01\x7f",
		"(parens) #hash# |bar| [hint]",
	}
	var accounts []Account
	for _, n := range names {
		accounts = append(accounts, Account{Name: n, Protocol: n + "-proto", Key: deriveKey(t, base)})
	}
	var out bytes.Buffer
	if err := WritePrivateKeys(&out, accounts); err != nil {
		t.Fatal(err)
	}
	got := mustReadKeys(t, out.Bytes())
	if len(got) != len(accounts) {
		t.Fatalf("got %d accounts, want %d", len(got), len(accounts))
	}
	for i, a := range accounts {
		g := got[i]
		if g.Name != a.Name || g.Protocol != a.Protocol || !g.Key.Equal(&a.Key.PublicKey) || g.Key.X.Cmp(a.Key.X) != 0 {
			t.Errorf("account %q did not survive", a.Name)
		}
	}
}

func TestWritePrivateKeysRejects(t *testing.T) {
	key := mustReadKeys(t, readTestFile(t, "two.private_key"))[0].Key
	bad := *key
	bad.X = new(big.Int).Add(key.X, big.NewInt(1))
	noY := *key
	noY.Y = nil
	tests := []struct {
		name     string
		accounts []Account
	}{
		{"NUL in name", []Account{{Name: "a\x00b", Protocol: "p", Key: key}}},
		{"NUL in protocol", []Account{{Name: "a", Protocol: "\x00", Key: key}}},
		{"duplicate", []Account{{Name: "a", Protocol: "p", Key: key}, {Name: "a", Protocol: "p", Key: key}}},
		{"nil key", []Account{{Name: "a", Protocol: "p"}}},
		{"no y", []Account{{Name: "a", Protocol: "p", Key: &noY}}},
		{"inconsistent key", []Account{{Name: "a", Protocol: "p", Key: &bad}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := WritePrivateKeys(&out, tc.accounts)
			if !errors.Is(err, ErrUnwritable) || out.Len() != 0 {
				t.Fatalf("got %v and %d bytes written, want ErrUnwritable and nothing", err, out.Len())
			}
		})
	}
}

func TestFindAccountLastWins(t *testing.T) {
	keys := mustReadKeys(t, readTestFile(t, "two.private_key"))
	accounts := []Account{
		{Name: "a", Protocol: "p", Key: keys[0].Key},
		{Name: "a", Protocol: "q", Key: keys[0].Key},
		{Name: "a", Protocol: "p", Key: keys[1].Key},
	}
	if k, ok := FindAccount(accounts, "a", "p"); !ok || k != keys[1].Key {
		t.Errorf("a/p: got %v %v, want the last entry", k, ok)
	}
	if _, ok := FindAccount(accounts, "b", "p"); ok {
		t.Error("found an account that is not there")
	}
}
