package state

import (
	"sync"
	"testing"
)

func count(t *testing.T, s *Store) uint32 {
	t.Helper()
	return countOf(t, s, "shared peer")
}

func countOf(t *testing.T, s *Store, name string) uint32 {
	t.Helper()
	p, err := s.LoadPeer(name)
	if err != nil {
		t.Fatal(err)
	}
	return p.Session.Keys.OurKeyID
}

func TestConcurrentGoroutinesLoseNoUpdate(t *testing.T) {
	s := newStore(t)
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				errs <- increment(s, "shared peer")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := count(t, s); got != writers*each {
		t.Errorf("count = %d, want %d: updates were lost", got, writers*each)
	}
}

func TestConcurrentProcessesLoseNoUpdate(t *testing.T) {
	s := newStore(t)
	const writers, each = 8, 10
	var cmds []interface{ Wait() error }
	for w := 0; w < writers; w++ {
		cmd := helper(t, s, "increment", "OTR_STATE_COUNT=10")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if got := count(t, s); got != writers*each {
		t.Errorf("count = %d, want %d: updates were lost", got, writers*each)
	}
}
