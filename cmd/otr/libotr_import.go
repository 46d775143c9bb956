package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/otrtool/otr/pkg/libotrfile"
	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

func importLibotrCommand() *cli.Command {
	return &cli.Command{
		Name:      "import-libotr",
		Usage:     "bring an identity in from libotr's files (Pidgin, irssi, ...)",
		UsageText: "otr import-libotr --private-key FILE [--account NAME] [--protocol PROTO] [--instance-tags FILE] [--fingerprints FILE] [--force]",
		Description: `Makes one account of a libotr client our identity: its DSA key from
otr.private_key, its instance tag from otr.instance_tags, and the
fingerprints it knows, with their trust, from otr.fingerprints. Pidgin keeps
them in ~/.purple (otr.private_key, otr.fingerprints, otr.instance_tags),
irssi in ~/.irssi/otr (otr.key, otr.fp, otr.instag).

A key file may hold many accounts: --account and --protocol pick one (a
file with a single account needs neither); when the choice is missing or
matches several, the error lists the accounts found. Protocol names are the
client's: prpl-jabber, prpl-irc, IRC, ...

Each fingerprint line of that account becomes a known fingerprint of the
peer named by its username (the buddy). Trust "" is unverified, "smp" is
verified by SMP, any other text (Pidgin's "verified") is verified by hand
(other wording is kept, and export-libotr writes it back).
A fingerprint we already know keeps its trust unless the file verifies it.

An identity with a different key is never replaced without --force (its
policy is kept then). Importing the same key again only adds fingerprints
and sets the instance tag. Files are read and checked before anything is
written: bad input leaves the state as it was.

Prints the fingerprint, then what was imported.

Examples:
   otr --state ~/.otr-alice import-libotr --private-key ~/.purple/otr.private_key \
       --account alice@jabber.org/ --protocol prpl-jabber \
       --instance-tags ~/.purple/otr.instance_tags --fingerprints ~/.purple/otr.fingerprints
   otr import-libotr --private-key ~/.irssi/otr/otr.key     # lists the accounts`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "private-key", Usage: "libotr's key `FILE` (otr.private_key)"},
			&cli.StringFlag{Name: "account", Usage: "the account `NAME` as libotr stores it (e.g. alice@jabber.org/)"},
			&cli.StringFlag{Name: "protocol", Usage: "the account's `PROTOCOL` id (e.g. prpl-jabber, IRC)"},
			&cli.StringFlag{Name: "instance-tags", Usage: "libotr's instance tag `FILE` (otr.instance_tags)"},
			&cli.StringFlag{Name: "fingerprints", Usage: "libotr's fingerprint `FILE` (otr.fingerprints)"},
			&cli.BoolFlag{Name: "force", Usage: "replace an identity that has a different key"},
		},
		Action: importLibotrAction,
	}
}

// libotrImport is everything read from libotr's files, checked.
type libotrImport struct {
	account libotrfile.Account
	tag     uint32                                   // 0: none found
	known   map[string][]libotrfile.KnownFingerprint // by peer (libotr username)
}

func importLibotrAction(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("import-libotr takes no arguments, only flags (got %q)", c.Args().First())
	}
	if c.String("private-key") == "" {
		return usagef("import-libotr needs --private-key FILE (libotr's otr.private_key)")
	}
	in, err := readLibotrImport(c)
	if err != nil {
		return err
	}
	if err := checkPeerNames(stateDir(c), in.known); err != nil {
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
	return importInto(c, store, in)
}

func readLibotrImport(c *cli.Context) (*libotrImport, error) {
	keyPath := c.String("private-key")
	accounts, err := readLibotrFile(keyPath, "otr.private_key", libotrfile.ReadPrivateKeys)
	if err != nil {
		return nil, err
	}
	a, err := pickAccount(accounts, keyPath, c.String("account"), c.String("protocol"))
	if err != nil {
		return nil, err
	}
	in := &libotrImport{account: a, known: map[string][]libotrfile.KnownFingerprint{}}
	if path := c.String("instance-tags"); path != "" {
		tags, err := readLibotrFile(path, "otr.instance_tags", libotrfile.ReadInstanceTags)
		if err != nil {
			return nil, err
		}
		in.tag = tagOf(tags, a)
	}
	if path := c.String("fingerprints"); path != "" {
		fps, err := readLibotrFile(path, "otr.fingerprints", libotrfile.ReadFingerprints)
		if err != nil {
			return nil, err
		}
		for _, f := range fps {
			if f.Account == a.Name && f.Protocol == a.Protocol {
				in.known[f.Username] = append(in.known[f.Username], f)
			}
		}
	}
	return in, nil
}

// tagOf is the account's tag; as libotr, the last line for it wins.
func tagOf(tags []libotrfile.InstanceTag, a libotrfile.Account) uint32 {
	var tag uint32
	for _, t := range tags {
		if t.Account == a.Name && t.Protocol == a.Protocol {
			tag = t.Tag
		}
	}
	return tag
}

// checkPeerNames refuses, before anything is written, a username that
// cannot name a peer.
func checkPeerNames(dir string, known map[string][]libotrfile.KnownFingerprint) error {
	s := &state.Store{Dir: dir}
	for name := range known {
		if _, err := s.PeerPath(name); err != nil {
			return withHint(fmt.Errorf("buddy %q in the fingerprints file: %w", name, err), "nothing was imported; edit the file or leave out --fingerprints")
		}
	}
	return nil
}

// importInto writes the identity and the peers, with the identity locked.
func importInto(c *cli.Context, store *state.Store, in *libotrImport) error {
	old, err := store.LoadIdentity()
	if err != nil && !errors.Is(err, state.ErrNoIdentity) && !c.Bool("force") {
		return err
	}
	if old != nil && !c.Bool("force") && !sameKey(old, in.account.Key) {
		return withHint(fmt.Errorf("%s already has a different key", store.IdentityPath()),
			"import into a new --state DIR, or replace the key with --force (peers will see a new fingerprint)")
	}
	peers, unlock, err := lockPeers(store, in.known)
	if err != nil {
		return err
	}
	defer unlock()
	id, tagFrom, err := importedIdentity(in, old)
	if err != nil {
		return err
	}
	if err := store.SaveIdentity(id); err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Second)
	for _, p := range peers {
		mergeKnown(p, in.known[p.Name], now)
		if err := store.SavePeer(p); err != nil {
			return err
		}
	}
	return printImport(c.App.Writer, in, id, tagFrom, store.Dir)
}

func sameKey(id *state.Identity, key *otr.PrivateKey) bool {
	k, err := id.PrivateKey()
	return err == nil && bytes.Equal(k.Fingerprint(), key.Fingerprint())
}

// lockPeers locks and loads every peer named in the import, in name order
// (so two imports cannot deadlock); unlock releases them.
func lockPeers(store *state.Store, known map[string][]libotrfile.KnownFingerprint) ([]*state.Peer, func(), error) {
	var names []string
	for name := range known {
		names = append(names, name)
	}
	sort.Strings(names)
	var locks []*state.Lock
	unlock := func() {
		for _, l := range locks {
			l.Unlock()
		}
	}
	var peers []*state.Peer
	for _, name := range names {
		l, err := store.LockPeer(name)
		if err != nil {
			unlock()
			return nil, nil, err
		}
		locks = append(locks, l)
		p, err := store.LoadPeer(name)
		if err != nil {
			unlock()
			return nil, nil, err
		}
		peers = append(peers, p)
	}
	return peers, unlock, nil
}

// importedIdentity is the old identity with the imported key and tag: its
// policy is kept, its tag too when the files give none.
func importedIdentity(in *libotrImport, old *state.Identity) (*state.Identity, string, error) {
	tag, from := in.tag, "from otr.instance_tags"
	if tag == 0 && old != nil {
		tag, from = old.InstanceTag, "kept"
	}
	if tag == 0 {
		var err error
		if tag, err = otr.NewInstanceTag(nil); err != nil {
			return nil, "", err
		}
		from = "new"
	}
	if old != nil && sameKey(old, in.account.Key) {
		old.InstanceTag = tag
		return old, from, nil
	}
	id := state.NewIdentity(in.account.Key, tag, time.Now())
	if old != nil {
		id.Policy = old.Policy
	}
	return id, from, nil
}

// mergeKnown adds the imported fingerprints; a known one is only raised
// to verified, never lowered.
func mergeKnown(p *state.Peer, fps []libotrfile.KnownFingerprint, now time.Time) {
	for _, f := range fps {
		trust, text := libotrTrust(f.Trust), ""
		if trust == state.TrustHand && f.Trust != libotrTrustText(trust) {
			text = f.Trust // e.g. a client's own wording: kept for export
		}
		if k := p.Lookup(f.Fingerprint); k != nil {
			if trust.Verified() && !k.Trust.Verified() {
				k.Trust, k.TrustText = trust, text
			}
			continue
		}
		p.Known = append(p.Known, state.Known{Fingerprint: otr.Bytes(f.Fingerprint), Trust: trust, TrustText: text, FirstSeen: now, LastSeen: now})
	}
}

func printImport(w io.Writer, in *libotrImport, id *state.Identity, tagFrom, dir string) error {
	if err := printIdentity(w, id, false); err != nil {
		return err
	}
	fmt.Fprintf(w, "imported account %s (%s) into %s\n", escapeText(in.account.Name), escapeText(in.account.Protocol), escapeText(dir))
	fmt.Fprintf(w, "instance tag %#08x (%s)\n", id.InstanceTag, tagFrom)
	var names []string
	for name := range in.known {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		verified := 0
		for _, f := range in.known[name] {
			if libotrTrust(f.Trust).Verified() {
				verified++
			}
		}
		fmt.Fprintf(w, "peer %s: %d fingerprint(s), %d verified\n", escapeText(name), len(in.known[name]), verified)
	}
	return nil
}
