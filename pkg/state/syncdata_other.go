//go:build !linux

package state

import "os"

// syncData flushes a file.
func syncData(f *os.File) error { return f.Sync() }
