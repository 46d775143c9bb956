package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/urfave/cli/v2"
)

// nullFlag is send's --null (-0): messages separated by NUL bytes, as
// xargs -0, sort -z and find -print0 do, so a message may hold line breaks.
func nullFlag() cli.Flag {
	return &cli.BoolFlag{Name: "null", Aliases: []string{"0"},
		Usage: "messages on stdin are separated by NUL bytes, not newlines: line breaks stay inside a message (a final NUL is optional)"}
}

// eachMessage calls fn with each message on stdin: each line, or with
// --null each NUL-separated record, line breaks kept.
func eachMessage(c *cli.Context, fn func(text string) error) error {
	if !c.Bool("null") {
		return eachLine(c.App.Reader, fn)
	}
	return eachRecord(c.App.Reader, fn)
}

// eachRecord calls fn for every NUL-terminated record of r; the last one
// needs no NUL, and nothing after a final NUL is a record.
func eachRecord(r io.Reader, fn func(text string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	sc.Split(scanNul)
	for sc.Scan() {
		if err := fn(sc.Text()); err != nil {
			return err
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return withHint(errors.New("a message on stdin is longer than 16 MiB"), "split it into several messages")
	}
	return sc.Err()
}

// scanNul is bufio.ScanLines with NUL for the newline and no CR handling.
func scanNul(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// errPlainLineBreak: a message with line breaks can go out encrypted (one
// wire line) but not in plaintext, where it would reach the peer as
// several lines.
var errPlainLineBreak = errors.New("this message holds line breaks and no private conversation is up: in plaintext it would arrive as several lines")

// oneLineEach refuses wire lines that hold a line break (plaintext sent
// with --null), before anything is saved or printed.
func (s *session) oneLineEach(res otr.Result, err error) (otr.Result, error) {
	if err != nil {
		return res, err
	}
	for _, line := range res.Messages {
		if strings.ContainsAny(line, "\r\n") {
			return otr.Result{}, withHint(errPlainLineBreak,
				"start a private conversation first (otr query --peer %s), or send it without --null, one line per message", quoteArg(s.peer))
		}
	}
	return res, nil
}
