package cliutil

import (
	"errors"
	"fmt"
	"io"
)

// Exit statuses (documented in docs/cli.md).
const (
	ExitOK      = 0
	ExitFailure = 1 // the command ran and failed
	ExitUsage   = 2 // the command line itself is wrong
)

// UsageError is a mistake on the command line.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef makes a *UsageError.
func Usagef(format string, a ...any) error { return &UsageError{fmt.Sprintf(format, a...)} }

// Hinted adds what the user can do about an error.
type Hinted struct {
	Err  error
	Hint string
}

func (h *Hinted) Error() string { return h.Err.Error() }
func (h *Hinted) Unwrap() error { return h.Err }

// WithHint attaches a hint to err (nil stays nil).
func WithHint(err error, format string, a ...any) error {
	if err == nil {
		return nil
	}
	return &Hinted{err, fmt.Sprintf(format, a...)}
}

// ExitCode is ExitUsage for a usage error, else ExitFailure.
func ExitCode(err error) int {
	var u *UsageError
	if errors.As(err, &u) {
		return ExitUsage
	}
	return ExitFailure
}

// Report prints "PROG: error: MSG" and, when hint is not empty,
// "PROG: hint: HINT", each on one line and safe for the terminal.
func Report(w io.Writer, prog, msg, hint string) {
	fmt.Fprintf(w, "%s: error: %s\n", prog, OneLine(msg))
	if hint != "" {
		fmt.Fprintf(w, "%s: hint: %s\n", prog, OneLine(hint))
	}
}

// OneLine keeps an error or hint on one line and the terminal safe. It
// leaves backslashes alone: what the message quotes from the outside was
// escaped already, and escaping it again would show 'bob\\n' for a peer
// named "bob\n".
func OneLine(s string) string { return EscapeUnsafe(s) }
