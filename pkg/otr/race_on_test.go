//go:build race

package otr

// raceEnabled: the race detector makes allocations of its own, so
// allocation counts are not checked under it.
const raceEnabled = true
