//go:build !race

package otr

const raceEnabled = false
