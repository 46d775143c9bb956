package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/otrtool/otr/internal/cliutil"
)

// maxLine bounds one input line (a long message or a whole wire message),
// without its line ending.
const maxLine = 16 << 20

// errLineTooLong is what a line over maxLine (a *cliutil.LineTooLong,
// read and dropped as it came, never held) Is.
var errLineTooLong = cliutil.ErrLineTooLong

// eachLine calls fn for every line of r without its line ending ("\n" or
// "\r\n"), stopping at the first error fn returns or at a line over
// maxLine (a *cliutil.LineTooLong).
func eachLine(r io.Reader, fn func(line string) error) error {
	return eachLineOr(r, fn, func(err error) error {
		return withHint(err, "nothing from that line on was handled; keep each line under 16 MiB")
	})
}

// eachLineOr is eachLine, calling tooLong for a line over maxLine instead:
// reading goes on with the next line unless tooLong returns an error.
// Memory stays bounded by maxLine whatever the input.
func eachLineOr(r io.Reader, fn func(line string) error, tooLong func(err error) error) error {
	lr := cliutil.NewLineReader(r, 64<<10, maxLine)
	for {
		line, err := lr.Next()
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, errLineTooLong):
			err = tooLong(err)
		case err == nil:
			err = fn(line)
		}
		if err != nil {
			return err
		}
	}
}

// quoteArg quotes a string for a shell command shown in a hint.
func quoteArg(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._+-/") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(escapeText(s), "'", `'\''`) + "'"
}

// firstLine reads the first line of a secret file, without its line ending.
func firstLine(path string) (string, error) {
	f, err := openSecretFile(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSuffix(line, "\r"), nil
}

// openSecretFile opens a file holding a secret (an SMP secret, a private
// key), refusing one that group or others may read, as ssh does with keys:
// whatever it holds may already be known to others.
func openSecretFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		f.Close()
		return nil, withHint(fmt.Errorf("%s holds a secret but is accessible by group or others (mode %04o)", path, perm),
			"make it private: chmod 600 %s (and choose a new secret if others may have read it)", quoteArg(path))
	}
	return f, nil
}
