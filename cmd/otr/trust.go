package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

func trustCommand() *cli.Command {
	return &cli.Command{
		Name:      "trust",
		Usage:     "list the peer's known fingerprints; mark one verified or not by hand",
		UsageText: "otr trust --peer NAME [list | verify [FINGERPRINT] | unverify [FINGERPRINT]]",
		Description: `Lists every fingerprint seen for the peer with its trust: "unverified",
"smp" (verified by a successful SMP run) or "manual" (verified by hand).
Compare the fingerprint with the peer out of band (in person, by phone),
then mark it with verify. FINGERPRINT defaults to the key of the current
session (or the one seen last); it is 40 hex digits, spaces allowed.

Examples:
   otr trust --peer bob
   otr trust --peer bob verify
   otr trust --peer bob unverify '0123ABCD 0123ABCD 0123ABCD 0123ABCD 0123ABCD'`,
		Flags:  peerFlags(),
		Action: trustList,
		Subcommands: []*cli.Command{
			{Name: "list", Usage: "list the known fingerprints (the default)", Flags: peerFlags(), Action: trustList},
			{Name: "verify", Usage: "mark a fingerprint verified by hand", ArgsUsage: "[FINGERPRINT]", Flags: peerFlags(),
				Action: func(c *cli.Context) error { return trustMark(c, state.TrustHand) }},
			{Name: "unverify", Usage: "mark a fingerprint not verified", ArgsUsage: "[FINGERPRINT]", Flags: peerFlags(),
				Action: func(c *cli.Context) error { return trustMark(c, state.Unverified) }},
		},
	}
}

// peerName is --peer from this command or its parent (otr trust --peer P verify).
func peerName(c *cli.Context) (string, error) {
	for _, ctx := range c.Lineage() {
		if ctx.Command != nil && ctx.IsSet("peer") {
			return ctx.String("peer"), nil
		}
	}
	return "", usagef("%s needs --peer NAME", c.Command.FullName())
}

func trustList(c *cli.Context) error {
	if c.Args().Present() && len(commandNames(c.Command.Subcommands)) == 0 {
		return usagef("otr trust list takes no argument")
	}
	if c.Args().Present() {
		return unknownCommand("trust", c.Args().First(), c.Command.Subcommands)
	}
	peer, err := peerName(c)
	if err != nil {
		return err
	}
	store, err := state.Open(stateDir(c))
	if err != nil {
		return err
	}
	if err := requireKnownPeer(store, "trust", peer); err != nil {
		return err
	}
	p, err := store.LoadPeer(peer)
	if err != nil {
		return err
	}
	printKnown(c.App.Writer, p)
	return nil
}

func printKnown(w io.Writer, p *state.Peer) {
	if len(p.Known) == 0 {
		fmt.Fprintf(w, "no fingerprint known for %s\n", escapeText(p.Name))
		return
	}
	current := p.Session.TheirFingerprint()
	for _, k := range p.Known {
		mark := ""
		if k.TrustText != "" && k.Trust == state.TrustHand {
			mark = fmt.Sprintf("  (libotr: %s)", escapeText(k.TrustText))
		}
		if bytes.Equal(k.Fingerprint, current) {
			mark += "  (current session)"
		}
		fmt.Fprintf(w, "%s  %-10s  first seen %s  last seen %s%s\n", otr.FormatFingerprint(k.Fingerprint),
			k.Trust, k.FirstSeen.Format(time.RFC3339), k.LastSeen.Format(time.RFC3339), mark)
	}
}

func trustMark(c *cli.Context, trust state.Trust) error {
	peer, err := peerName(c)
	if err != nil {
		return err
	}
	store, err := state.Open(stateDir(c))
	if err != nil {
		return err
	}
	if err := requireKnownPeer(store, "trust", peer); err != nil {
		return err
	}
	tx, err := store.BeginPeer(peer)
	if err != nil {
		return err
	}
	defer tx.Close()
	k, err := chosenKnown(tx.Peer, c.Args().First())
	if err != nil {
		return err
	}
	k.Trust = trust
	if err := tx.Save(); err != nil {
		return err
	}
	printKnown(c.App.Writer, tx.Peer)
	return nil
}

func chosenKnown(p *state.Peer, arg string) (*state.Known, error) {
	fp := lastFingerprint(p)
	if arg != "" {
		var err error
		if fp, err = otr.ParseFingerprint(arg); err != nil {
			return nil, usagef("%v", errText(err))
		}
	}
	if fp == nil {
		return nil, withHint(fmt.Errorf("no fingerprint known for %s yet", escapeText(p.Name)), "complete an AKE first (otr query)")
	}
	k := p.Lookup(fp)
	if k == nil {
		return nil, withHint(fmt.Errorf("fingerprint %s was never seen for %s", otr.FormatFingerprint(fp), escapeText(p.Name)),
			"list the known ones with otr trust --peer %s", quoteArg(p.Name))
	}
	return k, nil
}
