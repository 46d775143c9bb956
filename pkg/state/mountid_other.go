//go:build !linux

package state

// mountID: no unique mount ids (Linux only), so every save is synced.
func (d *dir) mountID() uint64 { return 0 }
