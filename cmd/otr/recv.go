package main

import (
	"errors"
	"fmt"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/urfave/cli/v2"
)

func recvCommand() *cli.Command {
	return &cli.Command{
		Name:      "recv",
		Usage:     "handle each stdin line as a line from the peer",
		UsageText: "otr recv --peer NAME < lines-from-peer",
		Description: `Each stdin line is one incoming line (OTR or plaintext), handled as its own
lock-load-process-save step, so a long-running recv in a pipe and send calls
from another shell share the state safely. Replies for the peer (AKE
messages, SMP steps, OTR errors) go to stdout; messages and events go to
the display stream. A rejected line is reported and skipped: its step
saves nothing, and recv exits with status 1 at the end; so is a line over
16 MiB. A step shows its events before it saves: after a crash a message
may be shown again, with the same "id" (--json), never lost.

Messages are shown as received, HTML included (Pidgin and Gajim send
<b>, <br> and entities); --strip-html shows them as plain text instead.

Examples:
   nc -l 5000 | otr recv --peer alice | nc alice.example.org 5001
   otr --json recv --peer alice < incoming 2>events.jsonl
   otr recv --strip-html --peer pidgin-user < incoming`,
		Flags:  peerFlags(&cli.BoolFlag{Name: "strip-html", Usage: "show received HTML messages as plain text (tags removed, <br> as a line break, entities decoded)"}),
		Action: recvAction,
	}
}

// rejected is a line the library refused; recv goes on after it.
type rejected struct{ error }

func (r rejected) Unwrap() error { return r.error }

func recvAction(c *cli.Context) error {
	s, err := openSession(c)
	if err != nil {
		return err
	}
	defer s.close()
	total, bad := 0, 0
	handle := func(line string) error {
		if line == "" {
			return nil
		}
		total++
		receive, err := s.receiverFor(line)
		if err != nil || receive == nil {
			return countRejected(err, &bad)
		}
		err = s.step(func(conv *otr.Conversation) (otr.Result, error) {
			res, err := receive(conv)
			if c.Bool("strip-html") {
				stripMessageHTML(res.Events)
			}
			if err != nil {
				err = rejected{err}
			}
			return res, err
		})
		err = s.handledWhole(line, err)
		var r rejected
		if errors.As(err, &r) {
			bad++
			return nil
		}
		return err
	}
	err = eachLineOr(c.App.Reader, func(line string) error { return s.rejoined(line, handle) }, func(tooLong error) error {
		total++
		bad++
		s.display.show([]shown{errorEvent(s.peer, fmt.Errorf("%w; skipped", tooLong))})
		return nil
	})
	if err == nil {
		err = s.rejoined(endOfInput, handle)
	}
	if err != nil {
		return err
	}
	if bad > 0 {
		return reported{withHint(fmt.Errorf("%d of %d lines were rejected (the state was left as it was for each)", bad, total),
			"the reasons are on the display stream above")}
	}
	return nil
}
