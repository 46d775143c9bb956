package group

import (
	"math/big"
	"runtime"
	"sync"
	"sync/atomic"
)

// Run calls every task, on as many goroutines as the process may run at
// once (the caller's included), each task exactly once, and returns when
// all have returned. The tasks must not depend on one another: a step of
// the SMP computes its independent exponentiations with it, so that a
// one-shot command waits for about half of them on a machine with two
// free cores. Each exponentiation stays what it is (constant time for
// secret exponents); only the order in which they finish changes.
func Run(tasks ...func()) {
	workers := min(runtime.GOMAXPROCS(0), len(tasks))
	if workers <= 1 {
		for _, t := range tasks {
			t()
		}
		return
	}
	var next atomic.Int64
	work := func() {
		for i := next.Add(1) - 1; i < int64(len(tasks)); i = next.Add(1) - 1 {
			tasks[i]()
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

// MulSecret returns a·b mod P for a, b in [0, P) in constant time, for a
// product of factors that are secret on their own (g^r · g2^x, say).
func MulSecret(a, b *big.Int) *big.Int { return mulConstTime(a, b) }
