//go:build unix && !linux

package main

import "golang.org/x/sys/unix"

// noCoreDumps: no core file (RLIMIT_CORE 0) while keys are in memory;
// see nocore_linux.go.
func noCoreDumps() {
	_ = unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{})
}
