package main

import (
	"fmt"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"
)

// helpArgs turns "otr [flags] help CMD SUB" (and "otr CMD help SUB") into
// "otr CMD SUB --help", so that help shows the innermost command's page:
// urfave/cli's own help command stops at the first level.
func helpArgs(app *cli.App, args []string) ([]string, error) {
	if !mayAskHelp(args) {
		return args, nil // the common case, without listing every flag's names
	}
	words, at := commandWords(app, args)
	if at < 0 {
		return args, nil
	}
	path := append(words[:at:at], words[at+1:]...)
	cmds := app.Commands
	for i, w := range path {
		cmd := findCommand(cmds, w)
		if cmd == nil {
			where := strings.Join(path[:i], " ")
			return nil, unknownCommand(where, w, cmds)
		}
		cmds = cmd.Subcommands
	}
	return append(append([]string{args[0]}, path...), "--help"), nil
}

// mayAskHelp is whether a "help" or "h" word comes before any "--": only
// then can commandWords find one where a command name goes.
func mayAskHelp(args []string) bool {
	for _, a := range args[min(1, len(args)):] {
		switch a {
		case "--":
			return false
		case "help", "h":
			return true
		}
	}
	return false
}

// commandWords lists the positional words of args (flag values skipped)
// and the index among them of a "help" word standing where a command name
// goes; -1 when there is none.
func commandWords(app *cli.App, args []string) ([]string, int) {
	takesValue := valueFlags(app)
	var words []string
	at := -1
	cmds := app.Commands
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			if !strings.Contains(a, "=") && takesValue[strings.TrimLeft(a, "-")] {
				i++
			}
			continue
		}
		if at < 0 && cmds != nil && (a == "help" || a == "h") {
			at = len(words)
		} else if cmd := findCommand(cmds, a); cmd != nil {
			cmds = cmd.Subcommands
		} else if at < 0 {
			cmds = nil // an argument: no command name follows
		}
		words = append(words, a)
	}
	return words, at
}

// valueFlags are the names of every flag that takes a value.
func valueFlags(app *cli.App) map[string]bool {
	m := map[string]bool{}
	add := func(flags []cli.Flag) {
		for _, f := range flags {
			if v, ok := f.(cli.DocGenerationFlag); !ok || !v.TakesValue() {
				continue // booleans (wrapped or not: see flagnames.go)
			}
			for _, n := range f.Names() {
				m[n] = true
			}
		}
	}
	add(app.Flags)
	var walk func(cmds []*cli.Command)
	walk = func(cmds []*cli.Command) {
		for _, c := range cmds {
			add(c.Flags)
			walk(c.Subcommands)
		}
	}
	walk(app.Commands)
	return m
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// commandNames are the visible commands' names, for suggestions.
func commandNames(cmds []*cli.Command) []string {
	var names []string
	for _, c := range cmds {
		if !c.Hidden && c.Name != "help" {
			names = append(names, c.Name)
		}
	}
	return names
}

// unknownCommand is the usage error for a mistyped (sub)command.
func unknownCommand(parent, word string, cmds []*cli.Command) error {
	full := strings.TrimSpace("otr " + parent)
	err := usagef("%s: unknown command %q", full, word)
	if moved := movedCommand(parent, word); moved != "" {
		return withHint(err, "%s", moved)
	}
	if best := closest(word, commandNames(cmds)); best != "" {
		return withHint(err, "did you mean %s %s?", full, best)
	}
	return withHint(err, "the commands are: %s (see %s)", strings.Join(commandNames(cmds), ", "), strings.TrimSpace("otr help "+parent))
}

// needSubcommand is the action of a command that only groups others
// (smp, forge): bare, it is a usage error; with a mistyped word, a
// did-you-mean.
func needSubcommand(c *cli.Context) error {
	name := c.Command.Name
	if c.Args().Present() {
		return unknownCommand(name, c.Args().First(), c.Command.Subcommands)
	}
	names := commandNames(c.Command.Subcommands)
	return withHint(usagef("otr %s needs a command: %s", name, orList(names)), "otr help %s describes each", name)
}

// orList is "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return fmt.Sprintf("%s or %s", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}

// flagUsageError is a usage error from the flag parser, with a
// did-you-mean for a mistyped flag.
func flagUsageError(c *cli.Context, err error) error {
	_, bad, found := strings.Cut(err.Error(), "flag provided but not defined: ")
	if !found || c == nil || c.Command == nil {
		return usagef("%v", err)
	}
	bad = strings.TrimLeft(bad, "-")
	uerr := usagef("%s: unknown option --%s", strings.TrimSpace("otr "+c.Command.FullName()), bad)
	var names []string
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if len(n) > 1 {
				names = append(names, n)
			}
		}
	}
	if best := closest(bad, names); best != "" {
		return withHint(uerr, "did you mean --%s?", best)
	}
	return withHint(uerr, "otr help %s lists the options", c.Command.FullName())
}

// helpTemplate is urfave/cli's page for cmd plus where the global options
// are described (each command takes them, but lists them no more).
func helpTemplate(cmd *cli.Command) string {
	plain, withSubcommands := helpTemplates()
	if len(cmd.Subcommands) > 0 {
		return withSubcommands
	}
	return plain
}

// helpTemplates are the two pages, built once, not once per command (some
// 17 KB at every start).
var helpTemplates = sync.OnceValues(func() (plain, withSubcommands string) {
	const globals = "\nGLOBAL OPTIONS (--state, --json, --display, --debug, --fragment-size, ...):\n   see otr --help; they are accepted after the command too.\n"
	return cli.CommandHelpTemplate + globals, cli.SubcommandHelpTemplate + globals
})
