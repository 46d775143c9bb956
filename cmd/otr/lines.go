package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxLine bounds one input line (a long message or a whole wire message).
const maxLine = 16 << 20

// eachLine calls fn for every line of r without its line ending, stopping
// at the first error fn returns.
func eachLine(r io.Reader, fn func(line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for sc.Scan() {
		if err := fn(strings.TrimSuffix(sc.Text(), "\r")); err != nil {
			return err
		}
	}
	return sc.Err()
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
