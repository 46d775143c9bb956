package state

import (
	"sync"
	"testing"
	"time"

	"github.com/otrtool/otr/pkg/otr"
)

var (
	keyOnce sync.Once
	testKey *otr.PrivateKey
)

// newStore makes a store with an identity in a fresh temp dir.
func newStore(t *testing.T) *Store {
	t.Helper()
	keyOnce.Do(func() {
		k, err := otr.GenerateKey(nil)
		if err != nil {
			panic(err)
		}
		testKey = k
	})
	s, err := Create(t.TempDir() + "/state")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveIdentity(NewIdentity(testKey, 0x12345678, time.Now())); err != nil {
		t.Fatal(err)
	}
	return s
}
