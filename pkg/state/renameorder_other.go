//go:build !linux

package state

// renameOrdered: without a boot id (Linux only) every save is synced.
func (d *dir) renameOrdered() bool { return false }

// renameOrderedIn is (*dir).renameOrdered; tests replace it.
var renameOrderedIn = (*dir).renameOrdered
