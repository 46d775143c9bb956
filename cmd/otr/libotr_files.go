package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/otrtool/otr/pkg/libotrfile"
	"github.com/otrtool/otr/pkg/state"
)

// Where libotr clients keep their files, for hints.
const libotrPlaces = "Pidgin: ~/.purple/otr.private_key, otr.fingerprints, otr.instance_tags; " +
	"irssi: ~/.irssi/otr/otr.key, otr.fp, otr.instag"

// readLibotrFile opens one of libotr's files and parses it with read; an
// error names the file and says which file was expected.
func readLibotrFile[T any](path, what string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, withHint(err, "give the path of libotr's %s (%s)", what, libotrPlaces)
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return zero, withHint(&libotrFileError{path, err},
			"is it libotr's %s? It was not changed; nothing was imported", what)
	}
	return v, nil
}

// libotrFileError names the file a libotrfile error is about, without the
// package prefixes that error text carries.
type libotrFileError struct {
	path string
	err  error
}

func (e *libotrFileError) Error() string {
	return e.path + ": " + strings.ReplaceAll(e.err.Error(), "libotrfile: ", "")
}

func (e *libotrFileError) Unwrap() error { return e.err }

// accountNames lists the accounts of a key file for an error message.
func accountNames(accounts []libotrfile.Account) string {
	var names []string
	for _, a := range accounts {
		names = append(names, fmt.Sprintf("--account %s --protocol %s", quoteArg(a.Name), quoteArg(a.Protocol)))
	}
	return strings.Join(names, "; ")
}

// pickAccount chooses the account named by --account and --protocol; a
// flag left out matches anything, so a file with one account needs
// neither. No match or several is an error listing what the file holds.
func pickAccount(accounts []libotrfile.Account, path, name, protocol string) (libotrfile.Account, error) {
	found := matchingAccounts(accounts, name, protocol)
	switch {
	case len(accounts) == 0:
		return libotrfile.Account{}, withHint(fmt.Errorf("%s holds no account", path), "generate a key in the client first, or use otr keygen")
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0:
		return libotrfile.Account{}, withHint(fmt.Errorf("%s has no account %q with protocol %q", path, name, protocol),
			"the file holds: %s", accountNames(accounts))
	}
	return libotrfile.Account{}, withHint(fmt.Errorf("%s holds %d accounts: say which one", path, len(found)),
		"pick one: %s", accountNames(found))
}

// matchingAccounts are the accounts matching name and protocol ("" matches
// all); an account listed twice counts once, the last one winning as in
// libotr.
func matchingAccounts(accounts []libotrfile.Account, name, protocol string) []libotrfile.Account {
	var found []libotrfile.Account
	for _, a := range accounts {
		if (name != "" && a.Name != name) || (protocol != "" && a.Protocol != protocol) {
			continue
		}
		i := slices.IndexFunc(found, func(f libotrfile.Account) bool { return f.Name == a.Name && f.Protocol == a.Protocol })
		if i >= 0 {
			found[i] = a
		} else {
			found = append(found, a)
		}
	}
	return found
}

// libotrTrust maps libotr's trust text to ours. libotr itself writes
// "smp" after a successful SMP run (and "" after a failed one), clients
// write other text (Pidgin "verified") when the user checked by hand.
func libotrTrust(text string) state.Trust {
	switch text {
	case "":
		return state.Unverified
	case "smp":
		return state.TrustSMP
	}
	return state.TrustHand
}

// libotrTrustText is the inverse: what Pidgin writes for each level.
func libotrTrustText(t state.Trust) string {
	switch t {
	case state.TrustSMP:
		return "smp"
	case state.TrustHand:
		return "verified"
	}
	return ""
}

// outputFile is one file export-libotr writes.
type outputFile struct {
	path string
	data []byte
}

// checkWritable refuses to replace an existing file unless allowed.
func checkWritable(path string, replace bool) (exists bool, err error) {
	_, err = os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case !replace:
		return true, withHint(fmt.Errorf("%s already exists", path),
			"replace it with --force, or add this account to it with --merge (other accounts are kept)")
	}
	return true, nil
}

// writePrivate writes data to path atomically with mode 0600: a temp file
// in the same directory, fsync, rename, fsync of the directory.
func writePrivate(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return err
	}
	return syncDirectory(dir)
}

func syncDirectory(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
