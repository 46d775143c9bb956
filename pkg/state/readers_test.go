package state

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestReadersNeverSeePartialFiles: readers that take no lock (status,
// fingerprint, trust, parse --peer) load the peer and the identity while
// saves go on. Each load must see a whole file, old or new. (With the old
// exchange-then-truncate save, a reader that had opened the file just
// before the exchange read it emptied: "unsupported format version 0".)
func TestReadersNeverSeePartialFiles(t *testing.T) {
	s := newStore(t)
	if err := increment(s, "shared peer"); err != nil {
		t.Fatal(err)
	}
	const saves, readers = 200, 3
	var done atomic.Bool
	var loads, failures atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				_, err := s.LoadPeer("shared peer")
				if err == nil {
					_, err = s.LoadIdentity()
				}
				loads.Add(1)
				if err != nil {
					failures.Add(1)
					once.Do(func() { firstErr = err })
				}
			}
		}()
	}
	for i := 0; i < saves; i++ {
		if err := increment(s, "shared peer"); err != nil {
			t.Fatal(err)
		}
		if i%8 == 0 {
			if err := s.SaveIdentity(mustIdentity(t, s)); err != nil {
				t.Fatal(err)
			}
		}
	}
	done.Store(true)
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d of %d loads during %d saves failed; the first: %v", n, loads.Load(), saves, firstErr)
	}
	if got := count(t, s); got != saves+1 {
		t.Errorf("count = %d, want %d", got, saves+1)
	}
	t.Logf("%d loads during %d saves, none failed", loads.Load(), saves)
}
