package main

import "github.com/urfave/cli/v2"

func peerFlag() cli.Flag {
	return &cli.StringFlag{Name: "peer", Aliases: []string{"p"}, Usage: "the buddy's `NAME` (any string; it names the session)"}
}

// peerFlags are the flags of commands that act on one peer's session.
func peerFlags(more ...cli.Flag) []cli.Flag { return append([]cli.Flag{peerFlag()}, more...) }

// quiet drops "(default: false)" from boolean options' help and, for the
// copies of the global options every command takes, hides them from the
// command's help: they are listed once, by otr --help.
func quiet(flags []cli.Flag, hide bool) []cli.Flag {
	for _, f := range flags {
		switch f := f.(type) {
		case *cli.BoolFlag:
			f.DisableDefaultText = true
			f.Hidden = f.Hidden || hide
		case *cli.StringFlag:
			f.Hidden = f.Hidden || hide
		}
	}
	return flags
}
