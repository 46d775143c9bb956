package main

import "github.com/urfave/cli/v2"

func peerFlag() cli.Flag {
	return &cli.StringFlag{Name: "peer", Aliases: []string{"p"}, Usage: "the buddy's `NAME` (any string; it names the session)"}
}

// peerFlags are the flags of commands that act on one peer's session.
func peerFlags(more ...cli.Flag) []cli.Flag { return append([]cli.Flag{peerFlag()}, more...) }
