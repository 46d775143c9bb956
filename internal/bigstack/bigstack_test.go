package bigstack

import (
	"runtime"
	"testing"
)

// TestGrowGrowsTheStack: a fresh goroutine (8 KB of stack) holds at least
// Reserve more bytes of stack after Grow: the array is not optimised
// away, and the frame is on the stack, not on the heap.
func TestGrowGrowsTheStack(t *testing.T) {
	grown := make(chan uint64)
	go func() {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		Grow()
		runtime.ReadMemStats(&after)
		grown <- after.StackInuse - before.StackInuse
	}()
	if n := <-grown; n < Reserve {
		t.Fatalf("the stack grew by %d bytes, want at least %d", n, Reserve)
	}
}
