package libotrfile

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// KnownFingerprint is one line of libotr's otr.fingerprints: the
// fingerprint of a peer (Username) as seen from one of our accounts.
// Trust is free text; libotr clients write "verified" or "smp", and an
// empty Trust means not trusted.
type KnownFingerprint struct {
	Username    string
	Account     string
	Protocol    string
	Fingerprint []byte // 20 bytes, SHA-1 of the peer's key
	Trust       string
}

// Trusted reports whether the fingerprint is trusted, as libotr decides:
// any non-empty Trust.
func (f KnownFingerprint) Trusted() bool { return f.Trust != "" }

// ReadFingerprints reads an otr.fingerprints file: lines of
// username, account, protocol, 40 hex digits and an optional trust,
// separated by tabs. Empty lines are skipped.
func ReadFingerprints(r io.Reader) ([]KnownFingerprint, error) {
	var out []KnownFingerprint
	err := eachLine(r, func(n int, line string) error {
		if line == "" {
			return nil
		}
		f, err := parseFingerprintLine(line)
		if err != nil {
			return errLine(n, err)
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

func parseFingerprintLine(line string) (KnownFingerprint, error) {
	// The trust text is everything after the fourth tab, as in libotr.
	fields := strings.SplitN(line, "\t", 5)
	if len(fields) < 4 {
		return KnownFingerprint{}, fmt.Errorf("%w: expected username, account, protocol, fingerprint and trust separated by tabs, found %d fields", ErrSyntax, len(fields))
	}
	fp, err := hex.DecodeString(fields[3])
	if err != nil || len(fp) != 20 {
		return KnownFingerprint{}, fmt.Errorf("%w: fingerprint %q is not 40 hex digits", ErrSyntax, fields[3])
	}
	f := KnownFingerprint{Username: fields[0], Account: fields[1], Protocol: fields[2], Fingerprint: fp}
	if len(fields) == 5 {
		f.Trust = fields[4]
	}
	return f, nil
}

// WriteFingerprints writes fps as libotr does: one line per fingerprint,
// lower-case hex, the trust last (empty if none).
func WriteFingerprints(w io.Writer, fps []KnownFingerprint) error {
	var buf bytes.Buffer
	for i, f := range fps {
		if err := checkFingerprint(f); err != nil {
			return fmt.Errorf("fingerprint %d: %w", i+1, err)
		}
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%x\t%s\n", f.Username, f.Account, f.Protocol, f.Fingerprint, f.Trust)
	}
	return writeLines(w, &buf)
}

func checkFingerprint(f KnownFingerprint) error {
	if len(f.Fingerprint) != 20 {
		return fmt.Errorf("%w: a fingerprint has 20 bytes, not %d", ErrUnwritable, len(f.Fingerprint))
	}
	for _, c := range []struct{ what, v string }{
		{"username", f.Username}, {"account", f.Account}, {"protocol", f.Protocol},
	} {
		if err := checkField(c.what, c.v, false); err != nil {
			return err
		}
	}
	return checkField("trust", f.Trust, true)
}
