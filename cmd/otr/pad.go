package main

import (
	"github.com/otrtool/otr/pkg/otr"
	"github.com/urfave/cli/v2"
)

// padFlag is send's --pad N: pad each encrypted message with a padding TLV
// to a multiple of N bytes, so that messages of different lengths look
// alike on the wire.
func padFlag() cli.Flag {
	return &cli.IntFlag{
		Name:        "pad",
		Usage:       "pad each encrypted message to a multiple of `N` bytes (a padding TLV the peer drops), hiding its length; 0 pads nothing",
		DefaultText: "0, no padding",
		Action: func(_ *cli.Context, n int) error {
			if n < 0 || n > otr.MaxPadMultiple {
				return usagef("--pad %d: want a number of bytes from 0 (no padding) to %d, e.g. --pad 256", n, otr.MaxPadMultiple)
			}
			return nil
		},
	}
}

// sendOptions are the library's options for one message of send.
func sendOptions(c *cli.Context, text string) otr.SendOptions {
	return otr.SendOptions{Padding: otr.PaddingFor(text, nil, c.Int("pad"))}
}
