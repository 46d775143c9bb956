package main

import (
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
)

// A SIGINT, SIGTERM, SIGHUP or SIGQUIT never cuts a step short: the step under way
// finishes (its display, its save, its wire lines), then otr exits with
// 128 + the signal's number, as a shell reports a process it killed.
// Between steps (recv waiting for its next line, a step waiting for the
// peer's lock) it exits at once: nothing is half done there.
var (
	// stopSignals end otr, after the step under way (and restore the
	// terminal of a prompt, see tty.go).
	stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}
	inStep      sync.Mutex   // held by a step from its first change to its last output
	stopSig     atomic.Int32 // the signal that arrived, 0 if none
	sigCh       chan os.Signal
)

// holdSignals marks the start of a step; the function it returns, its end.
// A step does not start once a signal arrived, and one that was under way
// when it arrived exits as soon as it is over.
func holdSignals() (release func()) {
	inStep.Lock()
	exitIfSignaled()
	return func() {
		exitIfSignaled()
		inStep.Unlock()
	}
}

func exitIfSignaled() {
	if n := stopSig.Load(); n != 0 {
		os.Exit(128 + int(n))
	}
}

// exitOnSignals installs the handler; main calls it (tests calling run
// keep Go's defaults). A signal ignored at start (nohup) stays ignored.
func exitOnSignals() {
	var catch []os.Signal
	for _, s := range stopSignals {
		if !signal.Ignored(s) {
			catch = append(catch, s)
		}
	}
	if len(catch) == 0 {
		return
	}
	sigCh = make(chan os.Signal, 1)
	signal.Notify(sigCh, catch...)
	go func(ch <-chan os.Signal) {
		n := int32((<-ch).(syscall.Signal))
		stopSig.Store(n)
		inStep.Lock() // waits for the step under way to finish
		os.Exit(128 + int(n))
	}(sigCh)
}
