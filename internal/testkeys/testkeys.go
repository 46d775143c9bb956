// Package testkeys holds fixed DSA keys for tests (generating DSA
// parameters takes a while, and fixed keys make failures reproducible).
// They are test keys: public, never to be used for real conversations.
package testkeys

import (
	"bufio"
	"embed"
	"fmt"
	"math/big"
	"strings"
)

//go:embed key-*.txt
var files embed.FS

// Names are the available keys.
var Names = []string{"alice", "bob", "carol"}

// Params returns a key's p, q, g and x.
func Params(name string) (p, q, g, x *big.Int, err error) {
	f, err := files.Open("key-" + name + ".txt")
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("testkeys: no key %q", name)
	}
	defer f.Close()
	v := map[string]*big.Int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, h, _ := strings.Cut(sc.Text(), "=")
		v[k], _ = new(big.Int).SetString(h, 16)
	}
	return v["p"], v["q"], v["g"], v["x"], sc.Err()
}
