//go:build !linux

package state

import "os"

// replaceFile atomically puts tmp in path's place.
func replaceFile(tmp, path string) error { return os.Rename(tmp, path) }
