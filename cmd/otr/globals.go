package main

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/urfave/cli/v2"
)

// globalFlags are accepted before the subcommand and, as a convenience,
// after it. Fresh values each call: a flag value belongs to one command.
func globalFlags(root bool) []cli.Flag {
	state := &cli.StringFlag{Name: "state", Usage: "identity and sessions live in `DIR` (default $XDG_DATA_HOME/otr or ~/.local/share/otr)"}
	if root {
		state.EnvVars = []string{"OTR_STATE"}
	}
	return []cli.Flag{
		state,
		&cli.BoolFlag{Name: "json", Usage: "display stream as JSON lines"},
		&cli.StringFlag{Name: "display", Usage: "write the display stream to `PATH` instead of stderr (e.g. /dev/fd/3)"},
		&cli.BoolFlag{Name: "debug", Usage: "show debug events"},
		&cli.StringFlag{Name: "fragment-size", Usage: "split outgoing messages into fragments of at most `N` characters, or a network's size: " + presetList()},
		&cli.StringFlag{Name: "smp-fragment-size", Usage: "split SMP messages (the largest) into fragments of at most `N` characters, or a network's size"},
		&cli.StringFlag{Name: "heartbeat-interval", Usage: "after a message arrives while we have sent nothing for `DURATION`, send a heartbeat so keys rotate (default 60s, as libotr; 0: never)"},
	}
}

// global reads a global flag from the innermost command that set it,
// falling back to the top level (where OTR_STATE and defaults apply).
func global(c *cli.Context, name string) *cli.Context {
	lineage := c.Lineage()
	for _, ctx := range lineage[:len(lineage)-1] {
		if ctx.Command != nil && slices.Contains(ctx.LocalFlagNames(), name) {
			return ctx
		}
	}
	return lineage[len(lineage)-1]
}

func globalString(c *cli.Context, name string) string { return global(c, name).String(name) }
func globalBool(c *cli.Context, name string) bool     { return global(c, name).Bool(name) }

// stateDir is --state, else $OTR_STATE, else $XDG_DATA_HOME/otr, else
// ~/.local/share/otr.
func stateDir(c *cli.Context) string { return stateDirFrom(globalString(c, "state")) }

// stateDirFrom is dir, else the default location.
func stateDirFrom(dir string) string {
	if dir != "" {
		return dir
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "otr")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return filepath.Join(home, ".local", "share", "otr")
}
