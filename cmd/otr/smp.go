package main

import (
	"bufio"
	"errors"
	"io"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/urfave/cli/v2"
)

func secretFlag() cli.Flag {
	return &cli.StringFlag{Name: "secret-file", Usage: "read the secret from the first line of `FILE` instead of stdin"}
}

func smpCommand() *cli.Command {
	return &cli.Command{
		Name:  "smp",
		Usage: "verify the peer with the Socialist Millionaires' Protocol",
		Description: `SMP checks that both sides know the same secret without revealing it; on
success the peer's fingerprint is marked verified (trust "smp"), on both
sides when no question was asked. With a question only the side that asked
marks the peer: answering proves you to the asker, not the asker to you
(ask your own question for that), as libotr and pidgin-otr. The secret
is read from the first line of stdin (or --secret-file), never from the
command line, where other users could see it.

Examples:
   echo 'our first pet' | otr smp start --peer bob --question 'Name of our first pet?' | nc bob.example.org 5000
   otr smp answer --peer alice --secret-file ~/secret | nc alice.example.org 5001
   otr smp abort --peer bob | nc bob.example.org 5000`,
		Subcommands: []*cli.Command{
			{
				Name:      "start",
				Usage:     "start SMP with a secret (and optionally a question)",
				UsageText: "otr smp start --peer NAME [--question TEXT] [--secret-file FILE] < secret",
				Flags:     peerFlags(secretFlag(), &cli.StringFlag{Name: "question", Usage: "a `TEXT` the peer sees, to tell them which secret"}),
				Action: func(c *cli.Context) error {
					return smpStep(c, checkPrivate, func(conv *otr.Conversation, secret []byte) (otr.Result, error) {
						return conv.StartSMP(secret, c.String("question"))
					})
				},
			},
			{
				Name:      "answer",
				Usage:     "answer the peer's SMP request with our secret",
				UsageText: "otr smp answer --peer NAME [--secret-file FILE] < secret",
				Flags:     peerFlags(secretFlag()),
				Action: func(c *cli.Context) error {
					return smpStep(c, checkRequest, func(conv *otr.Conversation, secret []byte) (otr.Result, error) {
						res, err := conv.AnswerSMP(secret)
						if errors.Is(err, otr.ErrNoSMPRequest) {
							err = withHint(err, "wait for an smp_request event from otr recv first")
						}
						return res, err
					})
				},
			},
			{
				Name:      "abort",
				Usage:     "abort any SMP in progress and tell the peer",
				UsageText: "otr smp abort --peer NAME",
				Flags:     peerFlags(),
				Action: func(c *cli.Context) error {
					return oneStep(c, func(conv *otr.Conversation) (otr.Result, error) { return conv.AbortSMP() })
				},
			},
		},
	}
}

func smpStep(c *cli.Context, check smpCheck, act func(*otr.Conversation, []byte) (otr.Result, error)) error {
	if err := checkPeerArg(c); err != nil {
		return err
	}
	if err := precheckSMP(c, check); err != nil {
		return err
	}
	secret, err := readSecret(c)
	if err != nil {
		return err
	}
	return oneStep(c, func(conv *otr.Conversation) (otr.Result, error) {
		res, err := act(conv, secret)
		if errors.Is(err, otr.ErrNotEncrypted) {
			err = withHint(err, "SMP runs inside a private conversation: start one with otr query")
		}
		return res, err
	})
}

// readSecret takes the first line of --secret-file or stdin.
func readSecret(c *cli.Context) ([]byte, error) {
	var r io.Reader = c.App.Reader
	if fd, ok := terminalFd(r); ok && c.String("secret-file") == "" {
		return hiddenSecret(c, fd)
	}
	if path := c.String("secret-file"); path != "" {
		f, err := openSecretFile(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, err
	}
	return checkSecret(strings.TrimRight(line, "\r\n"))
}

func checkSecret(line string) ([]byte, error) {
	if line == "" {
		return nil, withHint(errors.New("the SMP secret is empty"), "give the secret on the first line of stdin, e.g. echo 'our secret' | otr smp … (or --secret-file FILE)")
	}
	return []byte(line), nil
}
