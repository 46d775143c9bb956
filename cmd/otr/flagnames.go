package main

import "github.com/urfave/cli/v2"

// urfave/cli recomputes a flag's names (a regular-expression replacement
// per name) every time it looks a flag up, and before every action it asks
// IsSet of every flag, which looks up every flag again: about 280 regexp
// calls, a quarter of the instructions of one `otr send`. The flags are
// fixed once the app is built, so each one's names are computed once, when first asked for.
//
// A flag is wrapped only where urfave/cli cannot tell the difference:
// its help, man page and fish completion look at the concrete types
// *cli.BoolFlag (Hidden, DisableDefaultText) and *cli.StringFlag
// (TakesFile) for those fields alone, so flags setting them stay as they
// are. Every other method comes through the embedded flag.

type stringNames struct {
	*cli.StringFlag
	names []string
}

func (f *stringNames) Names() []string {
	if f.names == nil {
		f.names = f.StringFlag.Names()
	}
	return f.names
}

type boolNames struct {
	*cli.BoolFlag
	names []string
}

func (f *boolNames) Names() []string {
	if f.names == nil {
		f.names = f.BoolFlag.Names()
	}
	return f.names
}

type intNames struct {
	*cli.IntFlag
	names []string
}

func (f *intNames) Names() []string {
	if f.names == nil {
		f.names = f.IntFlag.Names()
	}
	return f.names
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

func cachedNames(flags []cli.Flag) []cli.Flag {
	out := make([]cli.Flag, len(flags))
	for i, f := range flags {
		out[i] = cachedFlag(f)
	}
	return out
}

func cachedFlag(f cli.Flag) cli.Flag {
	switch f := f.(type) {
	case *cli.StringFlag:
		if !f.TakesFile {
			return &stringNames{StringFlag: f}
		}
	case *cli.BoolFlag:
		if !f.Hidden && !f.DisableDefaultText {
			return &boolNames{BoolFlag: f}
		}
	case *cli.IntFlag:
		return &intNames{IntFlag: f}
	}
	return f
}
