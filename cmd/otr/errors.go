package main

import (
	"errors"
	"io"
	"strings"

	"github.com/otrtool/otr/internal/cliutil"
	"github.com/otrtool/otr/pkg/state"
)

// Exit statuses (documented in docs/cli.md).
const (
	exitOK      = cliutil.ExitOK
	exitFailure = cliutil.ExitFailure // the command ran and failed: bad input, bad state, a line recv rejected
	exitUsage   = cliutil.ExitUsage   // the command line itself is wrong
)

// usageError is a mistake on the command line.
type usageError = cliutil.UsageError

func usagef(format string, a ...any) error { return cliutil.Usagef(format, a...) }

// hinted adds what the user can do about an error.
type hinted = cliutil.Hinted

func withHint(err error, format string, a ...any) error { return cliutil.WithHint(err, format, a...) }

// reported marks an error whose details were already shown (recv's lines).
type reported struct{ error }

func (r reported) Unwrap() error { return r.error }

func exitCode(err error) int { return cliutil.ExitCode(err) }

// reportError prints "otr: error: …" and, when there is something to do,
// "otr: hint: …".
func reportError(w io.Writer, err error) {
	cliutil.Report(w, "otr", errText(err), hintFor(err))
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
		return h.Hint
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
