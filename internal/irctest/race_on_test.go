//go:build race

package irctest

// raceBuild: under go test -race, the otr the test drives is built with
// the race detector too, so that the bridge's goroutines are checked
// with a real server's traffic.
const raceBuild = true
