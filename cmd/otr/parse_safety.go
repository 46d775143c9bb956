package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/otrtool/otr/internal/cliutil"
	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/otr/inspect"
	"github.com/urfave/cli/v2"
)

// terminalSafe escapes what could drive a terminal in parse's report
// (control characters but newline and tab, invalid UTF-8, bidi overrides
// and line separators), as a last line of defence: the report quotes
// every field from the wire already, so this changes nothing in a
// well-formed report. Backslashes stay as they are (they belong to the
// quoting).
func terminalSafe(s string) string { return cliutil.EscapeReport(s) }

// ladderLines checks that a --ladder transcript names its senders.
func ladderLines(lines []string) error {
	named, nonEmpty := 0, 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			nonEmpty++
		}
		if _, _, ok := inspect.SplitSpeaker(l); ok {
			named++
		}
	}
	if named == 0 && nonEmpty > 0 {
		return withHint(fmt.Errorf("--ladder needs lines \"name: wire line\"; none of the %d lines names its sender", nonEmpty),
			"prefix each line with who sent it, e.g. \"alice: ?OTRv3?\" (or drop --ladder to describe the lines one by one)")
	}
	return nil
}

func aesKeyFileFlag() cli.Flag {
	return &cli.StringFlag{Name: "aes-key-file", Usage: "also try the AES keys in `FILE` (one HEX key per line; # comments), so that live keys are not in argv"}
}

// aesKeysFromFile reads --aes-key-file: one key of 32 hex digits per
// line; blank lines and lines starting with # are skipped. Errors name the
// line, never its content. The file must be private, as a secret file.
func aesKeysFromFile(keys *inspect.Keyring, path string) error {
	f, err := openSecretFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var k otr.Bytes // constant time: a key
		err := k.UnmarshalText([]byte(line))
		if err != nil || len(k) != 16 {
			return usagef("--aes-key-file %s, line %d: not an AES key (want 32 hex digits)", quoteArg(path), n)
		}
		keys.AddAES(k)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("--aes-key-file %s: %w", quoteArg(path), err)
	}
	return nil
}
