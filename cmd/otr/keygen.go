package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

func keygenCommand() *cli.Command {
	return &cli.Command{
		Name:      "keygen",
		Usage:     "create the identity: a DSA key and a v3 instance tag",
		UsageText: "otr keygen [--force] [--show-params]\n   otr keygen [--force] --dsa-p HEX --dsa-q HEX --dsa-g HEX --dsa-x-file FILE",
		Description: `Creates the state directory (mode 0700) and its identity: a DSA key with a
1024-bit p and 160-bit q, as libotr makes, and a random instance tag; prints
"fingerprint: " and the fingerprint (otr fingerprint prints it bare). An
existing key is never replaced without --force (the instance tag and policy
are kept then, since peers know the tag).

A key can be imported from its P, Q, G and X values in hex (as the C#
library's DSAKeyParams held them); Y is computed and the values checked.
The options are --dsa-p and so on, not -p: elsewhere -p means --peer.
--show-params prints P, Q, G, Y and X back, in hex, one per line -- X is the
private key: keep it secret.

Examples:
   otr --state ~/.otr-alice keygen
   otr keygen --show-params > key-backup.txt
   otr keygen --force --dsa-p "$P" --dsa-q "$Q" --dsa-g "$G" --dsa-x-file x.txt`,
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "replace an existing key"},
			&cli.StringFlag{Name: "dsa-p", Usage: "import: the prime `HEX` p"},
			&cli.StringFlag{Name: "dsa-q", Usage: "import: the prime `HEX` q dividing p-1"},
			&cli.StringFlag{Name: "dsa-g", Usage: "import: the generator `HEX` g"},
			&cli.StringFlag{Name: "dsa-x", Usage: "import: the private `HEX` x (prefer --dsa-x-file: argv is visible to others)"},
			&cli.StringFlag{Name: "dsa-x-file", Aliases: []string{"x-file"}, Usage: "import: read x as hex from the first line of `FILE`"},
			&cli.BoolFlag{Name: "show-params", Usage: "print p, q, g, y, x in hex"},
		}, renamedKeyFlags()...),
		Action: keygenAction,
	}
}

func keygenAction(c *cli.Context) error {
	if err := checkRenamedKeyFlags(c); err != nil {
		return err
	}
	store, err := state.Create(stateDir(c))
	if err != nil {
		return err
	}
	lock, err := store.LockIdentity(true)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	old, err := store.LoadIdentity()
	if err != nil && !errors.Is(err, state.ErrNoIdentity) && !c.Bool("force") {
		return err
	}
	importing := c.IsSet("dsa-p") || c.IsSet("dsa-q") || c.IsSet("dsa-g") || c.IsSet("dsa-x") || c.IsSet("dsa-x-file")
	if old != nil && !c.Bool("force") {
		if c.Bool("show-params") && !importing {
			return printIdentity(c.App.Writer, old, true)
		}
		return withHint(fmt.Errorf("%s already has a key", store.IdentityPath()),
			"keep it, or replace it with otr keygen --force (peers will see a new fingerprint)")
	}
	key, err := newKey(c, importing)
	if err != nil {
		return err
	}
	id, err := identityFor(key, old)
	if err != nil {
		return err
	}
	if err := store.SaveIdentity(id); err != nil {
		return err
	}
	return printIdentity(c.App.Writer, id, c.Bool("show-params"))
}

// identityFor keeps the instance tag and policy of a replaced identity.
func identityFor(key *otr.PrivateKey, old *state.Identity) (*state.Identity, error) {
	if old != nil {
		id := state.NewIdentity(key, old.InstanceTag, time.Now())
		id.Policy = old.Policy
		return id, nil
	}
	tag, err := otr.NewInstanceTag(nil)
	if err != nil {
		return nil, err
	}
	return state.NewIdentity(key, tag, time.Now()), nil
}

func newKey(c *cli.Context, importing bool) (*otr.PrivateKey, error) {
	if !importing {
		return otr.GenerateKey(nil)
	}
	x := c.String("dsa-x")
	if x != "" {
		fmt.Fprintln(c.App.ErrWriter, "otr: warning: --dsa-x puts the private key on the command line, where other users (ps) and shell history can see it; prefer --dsa-x-file")
	}
	if path := c.String("dsa-x-file"); path != "" {
		var err error
		if x, err = firstLine(path); err != nil {
			return nil, err
		}
	}
	params := state.KeyParams{P: c.String("dsa-p"), Q: c.String("dsa-q"), G: c.String("dsa-g"), X: x}
	if params.P == "" || params.Q == "" || params.G == "" || params.X == "" {
		return nil, usagef("importing a key needs all of --dsa-p, --dsa-q, --dsa-g and --dsa-x-file (or --dsa-x)")
	}
	key, err := params.PrivateKey()
	if err != nil {
		return nil, withHint(err, "check the values: p, q, g, x in hex, from the same key")
	}
	return key, nil
}

func printIdentity(w io.Writer, id *state.Identity, params bool) error {
	key, err := id.PrivateKey()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "fingerprint: %s\n", otr.FormatFingerprint(key.Fingerprint()))
	if params {
		p := id.Key
		fmt.Fprintf(w, "p=%s\nq=%s\ng=%s\ny=%s\nx=%s\n", p.P, p.Q, p.G, p.Y, p.X)
	}
	return nil
}

// renamedKeyFlags catch the old one-letter import options: -p is --peer
// everywhere else, so they became --dsa-p, --dsa-q, --dsa-g, --dsa-x.
func renamedKeyFlags() []cli.Flag {
	var flags []cli.Flag
	for _, n := range []string{"p", "q", "g", "x"} {
		flags = append(flags, &cli.StringFlag{Name: n, Hidden: true})
	}
	return flags
}

func checkRenamedKeyFlags(c *cli.Context) error {
	for _, n := range []string{"p", "q", "g", "x"} {
		if c.IsSet(n) {
			return withHint(usagef("keygen: -%s is not an option (-p means --peer elsewhere)", n), "the key import options are --dsa-p, --dsa-q, --dsa-g and --dsa-x-file")
		}
	}
	return nil
}
