package main

import (
	"encoding/hex"
	"errors"
	"math"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/urfave/cli/v2"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "print the OTR query message that asks the peer to start OTR",
		UsageText: "otr query --peer NAME",
		Description: `Prints the query message offering the versions the policy allows. The
peer's answer (fed to otr recv) starts the AKE.

Example:
   otr query --peer bob | nc bob.example.org 5000`,
		Flags: peerFlags(),
		Action: func(c *cli.Context) error {
			return oneStep(c, func(conv *otr.Conversation) (otr.Result, error) {
				res := conv.Query()
				if len(res.Messages) == 0 {
					return res, withHint(errors.New("the policy allows no OTR version"), "otr policy allow-v3=true")
				}
				res.Events = append(res.Events, refreshingEvent(&conv.State)...)
				return res, nil
			})
		},
	}
}

func closeCommand() *cli.Command {
	return &cli.Command{
		Name:      "close",
		Usage:     "end the private conversation (tells the peer)",
		UsageText: "otr close --peer NAME",
		Description: `Sends the disconnect message when a private conversation is up and forgets
its keys; after the peer ended the conversation, returns to plaintext.

Example:
   otr close --peer bob | nc bob.example.org 5000`,
		Flags: peerFlags(),
		Action: func(c *cli.Context) error {
			return oneStep(c, func(conv *otr.Conversation) (otr.Result, error) { return conv.End() })
		},
	}
}

func heartbeatCommand() *cli.Command {
	return &cli.Command{
		Name:      "heartbeat",
		Usage:     "send an empty encrypted message (lets keys rotate)",
		UsageText: "otr heartbeat --peer NAME",
		Description: `When one side does all the talking, keys only rotate once the other side
answers; a heartbeat is such an answer with no text.

Example:
   otr heartbeat --peer bob | nc bob.example.org 5000`,
		Flags: peerFlags(),
		Action: func(c *cli.Context) error {
			return oneStep(c, func(conv *otr.Conversation) (otr.Result, error) { return conv.Heartbeat() })
		},
	}
}

func extraKeyCommand() *cli.Command {
	return &cli.Command{
		Name:      "extra-key",
		Usage:     "derive the extra symmetric key (OTR v3) and tell the peer",
		UsageText: "otr extra-key --peer NAME --use N [--context HEX]",
		Description: `Derives the extra symmetric key of the current keys, tells the peer which use
it is for (a number the applications agree on) with optional context bytes,
and shows the key as an extra_key event on the display stream. The peer's
otr recv shows the same key.

Example:
   otr --json extra-key --peer bob --use 1 --context 66696c65 | nc bob.example.org 5000`,
		Flags: peerFlags(
			&cli.Uint64Flag{Name: "use", Usage: "what the key is for, a 32-bit `N` both applications agree on"},
			&cli.StringFlag{Name: "context", Usage: "use-specific context bytes as `HEX`"},
		),
		Action: func(c *cli.Context) error {
			if !c.IsSet("use") || c.Uint64("use") > math.MaxUint32 {
				return usagef("extra-key needs --use N with 0 <= N < 2^32")
			}
			ctx, err := hex.DecodeString(c.String("context"))
			if err != nil {
				return usagef("--context must be hex: %v", err)
			}
			use := uint32(c.Uint64("use"))
			return oneStep(c, func(conv *otr.Conversation) (otr.Result, error) {
				_, res, err := conv.ExtraKey(use, ctx)
				return res, err
			})
		},
	}
}

// oneStep runs a single lock-load-act-save step for --peer.
func oneStep(c *cli.Context, act action) error {
	s, err := openSession(c)
	if err != nil {
		return err
	}
	defer s.close()
	return s.step(act)
}
