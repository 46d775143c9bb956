package main

import (
	"errors"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/urfave/cli/v2"
)

func sendCommand() *cli.Command {
	return &cli.Command{
		Name:      "send",
		Usage:     "encrypt each line of stdin for the peer; print the wire lines",
		UsageText: "otr send --peer NAME [--null] < messages",
		Description: `Each stdin line is one message (with --null, each NUL-separated record,
line breaks included). Its wire line(s) go to stdout, ready to
deliver to the peer. Without a private conversation the policy decides:
with require-encryption the message is queued and a query goes out (the
queue is sent once the AKE completes); otherwise it goes out in plaintext
and a warning says so. After the peer ended the conversation nothing is
sent: run "otr close" or "otr query" first.

Examples:
   echo 'hello' | otr send --peer bob | nc bob.example.org 5000
   otr send --peer bob --fragment-size irc <<< "$long_text"
   printf 'two\nlines\0' | otr send --peer bob --null`,
		Flags:  peerFlags(padFlag(), nullFlag()),
		Action: sendAction,
	}
}

func sendAction(c *cli.Context) error {
	s, err := openSession(c)
	if err != nil {
		return err
	}
	warned := false
	tellIfTerminal(c, "type messages for %s, one a line; Ctrl-D ends", escapeText(s.peer))
	defer s.close()
	return eachMessage(c, func(text string) error {
		return s.step(func(conv *otr.Conversation) (otr.Result, error) {
			wasPlain := conv.State.MsgState != otr.MsgEncrypted
			res, err := s.oneLineEach(conv.SendWith(text, sendOptions(c, text)))
			if err == nil {
				if err = checkDeliverable(res.Messages); err != nil {
					return otr.Result{}, err // nothing printed, nothing saved
				}
			}
			if errors.Is(err, otr.ErrTooLarge) {
				err = withHint(err, "nothing was queued or saved; split it into several messages (about %d KiB of text each at most)", otr.MaxReassembled*3/4>>10)
			}
			if errors.Is(err, otr.ErrFinished) {
				err = withHint(err, "run otr close --peer %s (then send in plaintext) or otr query --peer %s (to restart it)", quoteArg(s.peer), quoteArg(s.peer))
			}
			if err == nil && wasPlain && !conv.Config.Policy.RequireEncryption && len(res.Messages) > 0 && !warned {
				warned = true // once a run, not after every line
				res.Events = append(res.Events, otr.Event{Kind: otr.EventWarning,
					Text: "sent UNENCRYPTED: no private conversation is up (start one with otr query)"})
			}
			return res, err
		})
	})
}
