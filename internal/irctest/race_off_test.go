//go:build !race

package irctest

const raceBuild = false
