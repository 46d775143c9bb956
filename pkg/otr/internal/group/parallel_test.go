package group

import (
	"runtime"
	"testing"
	"time"
)

// TestRunOverlapsTasks: with two cores' worth of Ps, two tasks run at the
// same time (each waits until the other has started).
func TestRunOverlapsTasks(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	started := [2]chan struct{}{make(chan struct{}), make(chan struct{})}
	var overlapped [2]bool
	task := func(i int) func() {
		return func() {
			close(started[i])
			select {
			case <-started[1-i]:
				overlapped[i] = true
			case <-time.After(5 * time.Second):
			}
		}
	}
	Run(task(0), task(1))
	if !overlapped[0] || !overlapped[1] {
		t.Fatal("Run ran its tasks one after the other")
	}
}

// TestRunSequentialOnOneP: with GOMAXPROCS=1 the tasks run in order on
// the caller's goroutine.
func TestRunSequentialOnOneP(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var order []int
	Run(func() { order = append(order, 0) }, func() { order = append(order, 1) }, func() { order = append(order, 2) })
	if len(order) != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2 {
		t.Fatalf("order %v", order)
	}
}

// TestRunCallsEveryTaskOnce, with more tasks than workers and with none.
func TestRunCallsEveryTaskOnce(t *testing.T) {
	Run()
	var calls [9]int
	tasks := make([]func(), len(calls))
	for i := range tasks {
		tasks[i] = func() { calls[i]++ }
	}
	Run(tasks...)
	for i, n := range calls {
		if n != 1 {
			t.Fatalf("task %d ran %d times", i, n)
		}
	}
}
