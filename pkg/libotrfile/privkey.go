package libotrfile

import (
	"bytes"
	"fmt"
	"io"
	"math/big"

	"github.com/otrtool/otr/pkg/otr"
)

// Account is one entry of libotr's otr.private_key: the account name
// (e.g. "alice@example.org"), the client's protocol id (e.g.
// "prpl-jabber", "IRC") and the account's DSA key.
type Account struct {
	Name     string
	Protocol string
	Key      *otr.PrivateKey
}

// MaxPrivateKeyFileSize bounds what ReadPrivateKeys accepts; a real file
// holds about 1.2 KiB per account.
const MaxPrivateKeyFileSize = 1 << 20

// maxPBits bounds p before any arithmetic on it (DSA's largest size is
// 3072 bits; libotr uses 1024), so hostile input cannot make us spin.
const maxPBits = 3072

// ReadPrivateKeys reads an otr.private_key file, returning its accounts
// in file order. Every key is validated; an inconsistent one is an error
// naming the account.
func ReadPrivateKeys(r io.Reader) ([]Account, error) {
	in, err := io.ReadAll(io.LimitReader(r, MaxPrivateKeyFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(in) > MaxPrivateKeyFileSize {
		return nil, fmt.Errorf("%w: key file exceeds %d bytes", ErrTooLarge, MaxPrivateKeyFileSize)
	}
	root, err := parseSexp(in)
	if err != nil {
		return nil, err
	}
	if string(root.head()) != "privkeys" {
		return nil, errAt(in, root.off, fmt.Errorf("%w: the file must start with (privkeys", ErrFormat))
	}
	var accounts []Account
	for i, node := range root.list[1:] {
		a, err := readAccount(node)
		if err != nil {
			return nil, errAt(in, node.off, fmt.Errorf("account %d: %w", i+1, err))
		}
		accounts = append(accounts, a)
	}
	return accounts, nil
}

// FindAccount returns the key of the given account. If a file lists an
// account twice, the last one wins, as in libotr.
func FindAccount(accounts []Account, name, protocol string) (*otr.PrivateKey, bool) {
	for i := len(accounts) - 1; i >= 0; i-- {
		if accounts[i].Name == name && accounts[i].Protocol == protocol {
			return accounts[i].Key, true
		}
	}
	return nil, false
}

func readAccount(node *sexp) (Account, error) {
	if string(node.head()) != "account" {
		return Account{}, fmt.Errorf("%w: expected (account ...)", ErrFormat)
	}
	name, err := stringField(node, "name")
	if err != nil {
		return Account{}, err
	}
	proto, err := stringField(node, "protocol")
	if err != nil {
		return Account{}, err
	}
	key, err := readDSAKey(node.child("private-key"))
	if err != nil {
		return Account{}, fmt.Errorf("%q (%q): %w", name, proto, err)
	}
	return Account{Name: name, Protocol: proto, Key: key}, nil
}

// stringField returns the atom X of a child list (field X).
func stringField(node *sexp, field string) (string, error) {
	c := node.child(field)
	if c == nil || len(c.list) < 2 || c.list[1].isList {
		return "", fmt.Errorf("%w: missing (%s ...)", ErrFormat, field)
	}
	return string(c.list[1].atom), nil
}

func readDSAKey(pk *sexp) (*otr.PrivateKey, error) {
	if pk == nil {
		return nil, fmt.Errorf("%w: missing (private-key ...)", ErrFormat)
	}
	dsa := pk.child("dsa")
	if dsa == nil {
		return nil, fmt.Errorf("%w: the private key is not a DSA key", ErrFormat)
	}
	var v [5]*big.Int
	for i, name := range []string{"p", "q", "g", "y", "x"} {
		s, err := stringField(dsa, name)
		if err != nil {
			return nil, err
		}
		v[i] = new(big.Int).SetBytes([]byte(s))
	}
	if v[0].BitLen() > maxPBits {
		return nil, fmt.Errorf("%w: p has %d bits, more than %d", otr.ErrInvalidKey, v[0].BitLen(), maxPBits)
	}
	k := &otr.PrivateKey{PublicKey: otr.PublicKey{P: v[0], Q: v[1], G: v[2], Y: v[3]}, X: v[4]}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	return k, nil
}

// WritePrivateKeys writes accounts in the layout libotr's
// otrl_privkey_generate writes, so libotr reads the file back.
func WritePrivateKeys(w io.Writer, accounts []Account) error {
	if err := checkAccounts(accounts); err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("(privkeys\n")
	for _, a := range accounts {
		buf.WriteString(" (account\n")
		printAdvanced(&buf, listNode(atomNode([]byte("name")), atomNode([]byte(a.Name))))
		printAdvanced(&buf, listNode(atomNode([]byte("protocol")), atomNode([]byte(a.Protocol))))
		printAdvanced(&buf, keyNode(a.Key))
		buf.WriteString(" )\n")
	}
	buf.WriteString(")\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// keyNode builds (private-key (dsa (p P) (q Q) (g G) (y Y) (x X))).
func keyNode(k *otr.PrivateKey) *sexp {
	dsa := listNode(atomNode([]byte("dsa")))
	for _, f := range []struct {
		name string
		v    *big.Int
	}{{"p", k.P}, {"q", k.Q}, {"g", k.G}, {"y", k.Y}, {"x", k.X}} {
		dsa.list = append(dsa.list, listNode(atomNode([]byte(f.name)), atomNode(signedMPI(f.v))))
	}
	return listNode(atomNode([]byte("private-key")), dsa)
}

// signedMPI is libgcrypt's GCRYMPI_FMT_STD for a positive number, the form
// its key generator stores: big-endian, with a 0 byte in front when the
// top bit is set.
func signedMPI(v *big.Int) []byte {
	b := v.Bytes()
	if len(b) > 0 && b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}

// checkAccounts rejects what libotr could not read back: names with NUL
// bytes (C strings), duplicate accounts and invalid keys.
func checkAccounts(accounts []Account) error {
	seen := map[[2]string]bool{}
	for i, a := range accounts {
		id := fmt.Sprintf("account %d %q (%s)", i+1, a.Name, a.Protocol)
		switch {
		case bytes.IndexByte([]byte(a.Name+a.Protocol), 0) >= 0:
			return fmt.Errorf("%w: %s: NUL byte in the name or protocol", ErrUnwritable, id)
		case seen[[2]string{a.Name, a.Protocol}]:
			return fmt.Errorf("%w: %s: listed twice", ErrUnwritable, id)
		case a.Key == nil || a.Key.Y == nil:
			return fmt.Errorf("%w: %s: no complete key", ErrUnwritable, id)
		}
		if err := a.Key.Validate(); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrUnwritable, id, err)
		}
		seen[[2]string{a.Name, a.Protocol}] = true
	}
	return nil
}
