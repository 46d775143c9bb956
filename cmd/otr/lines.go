package main

import (
	"bufio"
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

// firstLine reads the first line of a file, without its line ending.
func firstLine(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSuffix(line, "\r"), nil
}
