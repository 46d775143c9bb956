package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/otrtool/otr/pkg/libotrfile"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

func exportLibotrCommand() *cli.Command {
	return &cli.Command{
		Name:      "export-libotr",
		Usage:     "write our identity as libotr's files, for Pidgin, irssi, ...",
		UsageText: "otr export-libotr --account NAME --protocol PROTO [--private-key FILE] [--fingerprints FILE] [--instance-tags FILE] [--force | --merge]",
		Description: `Writes the identity as one libotr account: its DSA key to otr.private_key,
its instance tag to otr.instance_tags, and every peer's known fingerprints,
with their trust, to otr.fingerprints (the peer's name is the buddy's
username). Trust is written as libotr clients write it: "" unverified,
"smp" verified by SMP, "verified" verified by hand. Give at least one file.

Files are written atomically with mode 0600. An existing file is never
replaced without --force; with --merge the entries of other accounts in it
are kept and this account's are replaced (its fingerprints are merged: ours
win on trust, others of the account stay). Every file is checked before
any is written. Quit the client first: it rewrites its files when it runs.

Examples:
   otr export-libotr --account alice@jabber.org/ --protocol prpl-jabber \
       --private-key ~/.purple/otr.private_key --instance-tags ~/.purple/otr.instance_tags \
       --fingerprints ~/.purple/otr.fingerprints --merge
   otr export-libotr --account alice --protocol IRC --private-key otr.key --fingerprints otr.fp`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "account", Usage: "the account `NAME` the client knows (e.g. alice@jabber.org/)"},
			&cli.StringFlag{Name: "protocol", Usage: "the client's `PROTOCOL` id (e.g. prpl-jabber, IRC)"},
			&cli.StringFlag{Name: "private-key", Usage: "write the key to `FILE` (otr.private_key)"},
			&cli.StringFlag{Name: "fingerprints", Usage: "write known fingerprints to `FILE` (otr.fingerprints)"},
			&cli.StringFlag{Name: "instance-tags", Usage: "write the instance tag to `FILE` (otr.instance_tags)"},
			&cli.BoolFlag{Name: "force", Usage: "replace existing files"},
			&cli.BoolFlag{Name: "merge", Usage: "keep other accounts' entries of existing files"},
		},
		Action: exportLibotrAction,
	}
}

// exportTarget is one file to write: its flag and how its bytes are made
// from the identity, the peers and (with --merge) the file's old content.
type exportTarget struct {
	flag, what string
	build      func(x *libotrExport, old []byte) ([]byte, error)
}

var exportTargets = []exportTarget{
	{"private-key", "otr.private_key", buildPrivateKeys},
	{"fingerprints", "otr.fingerprints", buildFingerprints},
	{"instance-tags", "otr.instance_tags", buildInstanceTags},
}

// libotrExport is what goes out.
type libotrExport struct {
	account libotrfile.Account
	tag     uint32
	known   []libotrfile.KnownFingerprint
}

func exportLibotrAction(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("export-libotr takes no arguments, only flags (got %q)", c.Args().First())
	}
	if c.String("account") == "" || c.String("protocol") == "" {
		return usagef("export-libotr needs --account NAME and --protocol PROTO: the account the client will use the key for")
	}
	if c.Bool("force") && c.Bool("merge") {
		return usagef("export-libotr: --force replaces files, --merge keeps their other accounts: give one")
	}
	if !c.IsSet("private-key") && !c.IsSet("fingerprints") && !c.IsSet("instance-tags") {
		return usagef("export-libotr: say which files to write: --private-key, --fingerprints, --instance-tags")
	}
	x, err := loadExport(c)
	if err != nil {
		return err
	}
	files, err := buildExport(c, x)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := writePrivate(f.path, f.data); err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "wrote %s\n", escapeText(f.path))
	}
	return nil
}

// buildExport makes every file's bytes before any is written.
func buildExport(c *cli.Context, x *libotrExport) ([]outputFile, error) {
	var files []outputFile
	for _, t := range exportTargets {
		path := c.String(t.flag)
		if path == "" {
			continue
		}
		exists, err := checkWritable(path, c.Bool("force") || c.Bool("merge"))
		if err != nil {
			return nil, err
		}
		var old []byte
		if exists && c.Bool("merge") {
			if old, err = os.ReadFile(path); err != nil {
				return nil, err
			}
		}
		data, err := t.build(x, old)
		if errors.Is(err, libotrfile.ErrUnwritable) {
			return nil, withHint(&libotrFileError{path, err}, "give an --account and --protocol without tabs, line breaks or NUL bytes; nothing was written")
		}
		if err != nil {
			return nil, withHint(&libotrFileError{path, err}, "is it libotr's %s? Nothing was written", t.what)
		}
		files = append(files, outputFile{path, data})
	}
	return files, nil
}

func loadExport(c *cli.Context) (*libotrExport, error) {
	store, err := state.Open(stateDir(c))
	if err != nil {
		return nil, err
	}
	lock, err := store.LockIdentity(false)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	id, err := store.LoadIdentity()
	if err != nil {
		return nil, err
	}
	key, err := id.PrivateKey()
	if err != nil {
		return nil, err
	}
	x := &libotrExport{account: libotrfile.Account{Name: c.String("account"), Protocol: c.String("protocol"), Key: key}, tag: id.InstanceTag}
	if c.IsSet("fingerprints") {
		x.known, err = knownForLibotr(c, store, x.account)
	}
	return x, err
}

// knownForLibotr lists every peer's fingerprints as libotr lines. A peer
// whose name libotr cannot store (a tab or line break in it) is left out
// with a warning.
func knownForLibotr(c *cli.Context, store *state.Store, a libotrfile.Account) ([]libotrfile.KnownFingerprint, error) {
	names, err := store.Peers()
	if err != nil {
		return nil, err
	}
	var out []libotrfile.KnownFingerprint
	for _, name := range names {
		p, err := store.LoadPeer(name)
		if err != nil {
			return nil, err
		}
		for _, k := range p.Known {
			f := libotrfile.KnownFingerprint{Username: name, Account: a.Name, Protocol: a.Protocol,
				Fingerprint: k.Fingerprint, Trust: exportTrust(k)}
			if err := libotrfile.WriteFingerprints(&bytes.Buffer{}, []libotrfile.KnownFingerprint{f}); err != nil {
				fmt.Fprintf(c.App.ErrWriter, "otr: warning: peer %s left out: libotr cannot store its name\n", escapeText(name))
				break
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func buildPrivateKeys(x *libotrExport, old []byte) ([]byte, error) {
	var accounts []libotrfile.Account
	if old != nil {
		all, err := libotrfile.ReadPrivateKeys(bytes.NewReader(old))
		if err != nil {
			return nil, err
		}
		for _, a := range all {
			if a.Name != x.account.Name || a.Protocol != x.account.Protocol {
				accounts = append(accounts, a)
			}
		}
	}
	var buf bytes.Buffer
	err := libotrfile.WritePrivateKeys(&buf, append(accounts, x.account))
	return buf.Bytes(), err
}

func buildInstanceTags(x *libotrExport, old []byte) ([]byte, error) {
	var tags []libotrfile.InstanceTag
	if old != nil {
		all, err := libotrfile.ReadInstanceTags(bytes.NewReader(old))
		if err != nil {
			return nil, err
		}
		for _, t := range all {
			if t.Account != x.account.Name || t.Protocol != x.account.Protocol {
				tags = append(tags, t)
			}
		}
	}
	tags = append(tags, libotrfile.InstanceTag{Account: x.account.Name, Protocol: x.account.Protocol, Tag: x.tag})
	var buf bytes.Buffer
	err := libotrfile.WriteInstanceTags(&buf, tags)
	return buf.Bytes(), err
}

// buildFingerprints keeps the old file's lines in order, replacing the
// trust of those we know, and appends the ones it lacks.
func buildFingerprints(x *libotrExport, old []byte) ([]byte, error) {
	var lines []libotrfile.KnownFingerprint
	if old != nil {
		var err error
		if lines, err = libotrfile.ReadFingerprints(bytes.NewReader(old)); err != nil {
			return nil, err
		}
	}
	for _, f := range x.known {
		if i := indexFingerprint(lines, f); i >= 0 {
			lines[i].Trust = f.Trust
		} else {
			lines = append(lines, f)
		}
	}
	var buf bytes.Buffer
	err := libotrfile.WriteFingerprints(&buf, lines)
	return buf.Bytes(), err
}

func indexFingerprint(lines []libotrfile.KnownFingerprint, f libotrfile.KnownFingerprint) int {
	for i, l := range lines {
		if l.Username == f.Username && l.Account == f.Account && l.Protocol == f.Protocol && bytes.Equal(l.Fingerprint, f.Fingerprint) {
			return i
		}
	}
	return -1
}

// exportTrust is the trust text to write for a known fingerprint: the
// client's own wording kept from an import while the trust is still
// manual, else what Pidgin writes for the level.
func exportTrust(k state.Known) string {
	if k.Trust == state.TrustHand && k.TrustText != "" {
		return k.TrustText
	}
	return libotrTrustText(k.Trust)
}
