package testkeys

import (
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

// Key returns one of the fixed keys as an otr.PrivateKey, failing the test
// if it cannot. (pkg/otr's own tests use Params, to avoid an import cycle.)
func Key(t testing.TB, name string) *otr.PrivateKey {
	t.Helper()
	p, q, g, x, err := Params(name)
	if err != nil {
		t.Fatal(err)
	}
	k, err := otr.NewPrivateKey(p, q, g, x)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
