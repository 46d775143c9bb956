package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/otrtool/otr/pkg/state"
)

// Exit statuses (documented in docs/cli.md).
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and failed: bad input, bad state, a line recv rejected
	exitUsage   = 2 // the command line itself is wrong
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// hinted adds what the user can do about an error.
type hinted struct {
	err  error
	hint string
}

func (h *hinted) Error() string { return h.err.Error() }
func (h *hinted) Unwrap() error { return h.err }

func withHint(err error, format string, a ...any) error {
	if err == nil {
		return nil
	}
	return &hinted{err, fmt.Sprintf(format, a...)}
}

// reported marks an error whose details were already shown (recv's lines).
type reported struct{ error }

func (r reported) Unwrap() error { return r.error }

func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFailure
}

// reportError prints "otr: error: …" and, when there is something to do,
// "otr: hint: …".
func reportError(w io.Writer, err error) {
	fmt.Fprintf(w, "otr: error: %s\n", oneLine(errText(err)))
	if hint := hintFor(err); hint != "" {
		fmt.Fprintf(w, "otr: hint: %s\n", oneLine(hint))
	}
}

// errText drops the package prefix the library puts on its errors.
func errText(err error) string {
	return strings.ReplaceAll(err.Error(), "otr: ", "")
}

func hintFor(err error) string {
	var h *hinted
	var pe *state.PermissionError
	var ce *state.CorruptError
	var u *usageError
	var sh stateHinter
	switch {
	case errors.As(err, &h):
		return h.hint
	case errors.As(err, &sh):
		return sh.Hint()
	case errors.As(err, &pe):
		return "make it private: " + pe.Fix()
	case errors.As(err, &ce):
		return "the file was left as it is; repair it by hand or move it aside (a moved peer file starts a fresh session)"
	case errors.Is(err, state.ErrNoIdentity):
		return "create an identity first: otr keygen (or pass --state DIR / set OTR_STATE)"
	case errors.As(err, &u):
		return "see: otr help"
	}
	return ""
}

// stateHinter is a state error that says what to do (state.OwnerError,
// state.SymlinkError).
type stateHinter interface {
	error
	Hint() string
}

// oneLine keeps an error to one line whatever it quotes.
// oneLine keeps an error or hint on one line and the terminal safe. It
// leaves backslashes alone: what the message quotes from the outside was
// escaped already (quoteArg, escapeText), and escaping it again would
// show 'bob\\n' for a peer named "bob\n".
func oneLine(s string) string { return escapeUnsafe(s) }
