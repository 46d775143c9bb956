package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/urfave/cli/v2"
)

// ErrStateNotDir is the error of a --state (or OTR_STATE) that names a
// file: the state is a directory.
var ErrStateNotDir = errors.New("not a directory")

// noState are the commands that never touch the state directory.
var noState = map[string]bool{"completion": true, "man": true, "help": true}

// withStateCheck refuses a state path that is not a directory before the
// command runs, instead of a confusing error from deep in the store.
func withStateCheck(act cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		if noState[c.Command.Name] {
			return act(c)
		}
		if err := checkStateDir(stateDir(c)); err != nil {
			return err
		}
		return act(c)
	}
}

func checkStateDir(dir string) error {
	info, err := os.Stat(dir)
	var what string
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		what = "the state directory %s: one of its parents is a file, %w"
	case err != nil:
		return nil // missing: the command says what to do
	case !info.IsDir():
		what = "the state directory %s is a file, %w"
	default:
		return nil
	}
	return withHint(fmt.Errorf(what, dir, ErrStateNotDir),
		"pass --state DIR (or set OTR_STATE) naming a directory; otr --state DIR keygen creates a new one")
}
