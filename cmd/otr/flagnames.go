package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// urfave/cli recomputes a flag's names (a regular-expression replacement
// per name) every time it looks a flag up, and before every action it asks
// IsSet of every flag, which looks up every flag again: about 280 regexp
// calls, a quarter of the instructions of one `otr send`. The flags are
// fixed once the app is built, so each one's names are computed once, when first asked for.
//
// The names are computed without urfave/cli's regular expression
// (namesOf), so even the first lookup of a flag costs little.
//
// A flag is wrapped only where urfave/cli cannot tell the difference:
// its man page and fish completion look at the concrete type
// *cli.StringFlag for TakesFile, so such flags stay as they are. Its help
// prints a flag through the flag's String method, which the wrapper
// passes on to the *cli.BoolFlag inside (DisableDefaultText is honoured
// there). Only urfave/cli's own bash completion looks at *cli.BoolFlag's
// Hidden, and otr never reaches it: runApp answers every completion
// request itself (complete.go). Every other method comes through the
// embedded flag.

type stringNames struct {
	*cli.StringFlag
	names []string
}

func (f *stringNames) Names() []string {
	if f.names == nil {
		f.names = namesOf(f.StringFlag.Name, f.StringFlag.Aliases)
	}
	return f.names
}

type boolNames struct {
	*cli.BoolFlag
	names []string
}

func (f *boolNames) Names() []string {
	if f.names == nil {
		f.names = namesOf(f.BoolFlag.Name, f.BoolFlag.Aliases)
	}
	return f.names
}

type intNames struct {
	*cli.IntFlag
	names []string
}

func (f *intNames) Names() []string {
	if f.names == nil {
		f.names = namesOf(f.IntFlag.Name, f.IntFlag.Aliases)
	}
	return f.names
}

// urfave/cli adds its own --help (to the app and every command) and
// --version flags, package variables it looks up by name as often as the
// app's own: they are wrapped too, once for the process.
func init() {
	cli.HelpFlag = cachedFlag(cli.HelpFlag)
	cli.VersionFlag = cachedFlag(cli.VersionFlag)
}

// cacheFlagNames wraps the flags of the app and of all its commands.
func cacheFlagNames(app *cli.App) {
	app.Flags = cachedNames(app.Flags)
	var walk func(cmds []*cli.Command)
	walk = func(cmds []*cli.Command) {
		for _, cmd := range cmds {
			cmd.Flags = cachedNames(cmd.Flags)
			walk(cmd.Subcommands)
		}
	}
	walk(app.Commands)
}

// cachedNames wraps a list of flags, the wrappers of each kind allocated
// together (one allocation per kind, not per flag: the app has some 300
// flags, built at every start).
func cachedNames(flags []cli.Flag) []cli.Flag {
	var ns, nb, ni int
	for _, f := range flags {
		switch f := f.(type) {
		case *cli.StringFlag:
			if !f.TakesFile {
				ns++
			}
		case *cli.BoolFlag:
			nb++
		case *cli.IntFlag:
			ni++
		}
	}
	strs, bools, ints := make([]stringNames, ns), make([]boolNames, nb), make([]intNames, ni)
	out := make([]cli.Flag, len(flags))
	ns, nb, ni = 0, 0, 0
	for i, f := range flags {
		out[i] = f
		switch f := f.(type) {
		case *cli.StringFlag:
			if !f.TakesFile {
				strs[ns].StringFlag = f
				out[i] = &strs[ns]
				ns++
			}
		case *cli.BoolFlag:
			bools[nb].BoolFlag = f
			out[i] = &bools[nb]
			nb++
		case *cli.IntFlag:
			ints[ni].IntFlag = f
			out[i] = &ints[ni]
			ni++
		}
	}
	return out
}

// cachedFlag wraps one flag, as cachedNames does.
func cachedFlag(f cli.Flag) cli.Flag {
	return cachedNames([]cli.Flag{f})[0]
}

// namesOf is cli.FlagNames without its regular expression "[, ]+.*":
// each name ends at its first comma or space (what follows, up to the end
// of that line, is dropped).
func namesOf(name string, aliases []string) []string {
	names := make([]string, 0, 1+len(aliases))
	names = append(names, cutAtCommaSpace(name))
	for _, a := range aliases {
		names = append(names, cutAtCommaSpace(a))
	}
	return names
}

func cutAtCommaSpace(s string) string {
	for {
		i := strings.IndexAny(s, ", ")
		if i < 0 {
			return s
		}
		nl := strings.IndexByte(s[i:], '\n')
		if nl < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+nl:]
	}
}
