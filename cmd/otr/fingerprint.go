package main

import (
	"encoding/hex"
	"fmt"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

func fingerprintCommand() *cli.Command {
	return &cli.Command{
		Name:      "fingerprint",
		Usage:     "print our fingerprint, or the peer's as last seen",
		UsageText: "otr fingerprint [--peer NAME] [--raw]",
		Description: `Prints a fingerprint in libotr's form (five groups of eight upper-case hex
digits), or as 40 lower-case hex digits with --raw. With --peer, the
fingerprint of the key the peer used in the last AKE.

Examples:
   otr fingerprint
   otr fingerprint --peer bob --raw`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "peer", Aliases: []string{"p"}, Usage: "the buddy's `NAME`"},
			&cli.BoolFlag{Name: "raw", Usage: "40 lower-case hex digits"},
		},
		Action: fingerprintAction,
	}
}

func fingerprintAction(c *cli.Context) error {
	store, err := state.Open(stateDir(c))
	if err != nil {
		return err
	}
	var fp []byte
	if peer := c.String("peer"); peer != "" {
		fp, err = peerFingerprint(store, peer)
	} else {
		fp, err = ownFingerprint(store)
	}
	if err != nil {
		return err
	}
	if c.Bool("raw") {
		fmt.Fprintln(c.App.Writer, hex.EncodeToString(fp))
	} else {
		fmt.Fprintln(c.App.Writer, otr.FormatFingerprint(fp))
	}
	return nil
}

func ownFingerprint(store *state.Store) ([]byte, error) {
	id, err := store.LoadIdentity()
	if err != nil {
		return nil, err
	}
	key, err := id.PrivateKey()
	if err != nil {
		return nil, err
	}
	return key.Fingerprint(), nil
}

func peerFingerprint(store *state.Store, peer string) ([]byte, error) {
	p, err := store.LoadPeer(peer)
	if err != nil {
		return nil, err
	}
	if fp := lastFingerprint(p); fp != nil {
		return fp, nil
	}
	return nil, withHint(fmt.Errorf("no fingerprint known for %s yet", escapeText(peer)),
		"it is learnt in the AKE: start one with otr query --peer %s", quoteArg(peer))
}

// lastFingerprint is the key of the current session, else the one seen last.
func lastFingerprint(p *state.Peer) []byte {
	if fp := p.Session.TheirFingerprint(); fp != nil {
		return fp
	}
	var last *state.Known
	for i := range p.Known {
		if last == nil || !p.Known[i].LastSeen.Before(last.LastSeen) {
			last = &p.Known[i]
		}
	}
	if last == nil {
		return nil
	}
	return last.Fingerprint
}
