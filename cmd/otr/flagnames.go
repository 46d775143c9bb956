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
	names  []string
	def    string // the Value before the environment's (see Apply)
	defSet bool
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
	lists := []*[]cli.Flag{&app.Flags}
	var walk func(cmds []*cli.Command)
	walk = func(cmds []*cli.Command) {
		for _, cmd := range cmds {
			lists = append(lists, &cmd.Flags)
			walk(cmd.Subcommands)
		}
	}
	walk(app.Commands)
	var w wrappers
	for _, l := range lists {
		w.count(*l)
	}
	w.alloc()
	for _, l := range lists {
		*l = w.wrap(*l)
	}
}

// cachedFlag wraps one flag, as cacheFlagNames does.
func cachedFlag(f cli.Flag) cli.Flag {
	var w wrappers
	w.count([]cli.Flag{f})
	w.alloc()
	return w.wrap([]cli.Flag{f})[0]
}

// wrappers hands out the wrappers and the new flag lists of a whole app
// from one allocation per kind, counted first: some 300 flags are wrapped
// at every start, and an allocation for each cost 1% of a send.
type wrappers struct {
	ns, nb, ni, nl int // counted
	strs           []stringNames
	bools          []boolNames
	ints           []intNames
	lists          []cli.Flag
}

func (w *wrappers) count(flags []cli.Flag) {
	for _, f := range flags {
		switch f := f.(type) {
		case *cli.StringFlag:
			if !f.TakesFile {
				w.ns++
			}
		case *cli.BoolFlag:
			w.nb++
		case *cli.IntFlag:
			w.ni++
		}
	}
	w.nl += len(flags)
}

func (w *wrappers) alloc() {
	w.strs, w.bools = make([]stringNames, w.ns), make([]boolNames, w.nb)
	w.ints, w.lists = make([]intNames, w.ni), make([]cli.Flag, w.nl)
}

// wrap returns flags with the wrapped ones replaced by their wrappers, in
// a list of its own (its capacity ends with it: an append copies).
func (w *wrappers) wrap(flags []cli.Flag) []cli.Flag {
	out := w.lists[:len(flags):len(flags)]
	w.lists = w.lists[len(flags):]
	for i, f := range flags {
		out[i] = f
		switch f := f.(type) {
		case *cli.StringFlag:
			if !f.TakesFile {
				n := &w.strs[0]
				w.strs = w.strs[1:]
				n.StringFlag, out[i] = f, n
			}
		case *cli.BoolFlag:
			n := &w.bools[0]
			w.bools = w.bools[1:]
			n.BoolFlag, out[i] = f, n
		case *cli.IntFlag:
			n := &w.ints[0]
			w.ints = w.ints[1:]
			n.IntFlag, out[i] = f, n
		}
	}
	return out
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
