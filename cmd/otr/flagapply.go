package main

import (
	"errors"
	"flag"
	"strconv"

	"github.com/urfave/cli/v2"
)

// urfave/cli's Apply, which puts a flag into each command's flag set, asks
// the flag's own (uncached) names: the embedded *cli.StringFlag calls its
// own Names, not the wrapper's, so every Apply ran the regular expression
// again. The wrappers apply themselves with the cached names.
//
// They skip what Apply does for a value from the environment or a file:
// a flag with EnvVars or FilePath goes through urfave/cli's Apply. Without
// them, what Apply records as the default (for the help's "default:" text)
// is the flag's Value, which is also what the help shows when nothing is
// recorded: parsing writes to the flag set's value, never to Value.

func (f *stringNames) Apply(set *flag.FlagSet) error {
	if len(f.EnvVars) > 0 || f.FilePath != "" {
		return f.StringFlag.Apply(set)
	}
	for _, name := range f.Names() {
		if f.Destination != nil {
			set.StringVar(f.Destination, name, f.Value, f.Usage)
			continue
		}
		set.String(name, f.Value, f.Usage)
	}
	return nil
}

func (f *intNames) Apply(set *flag.FlagSet) error {
	if len(f.EnvVars) > 0 || f.FilePath != "" {
		return f.IntFlag.Apply(set)
	}
	for _, name := range f.Names() {
		if f.Destination != nil {
			set.IntVar(f.Destination, name, f.Value, f.Usage)
			continue
		}
		set.Int(name, f.Value, f.Usage)
	}
	return nil
}

// Apply of a bool flag, as urfave/cli's: every name shares one value and
// one counter, and the counter starts at minus the number of aliases
// (urfave/cli's own accounting, kept so Context.Count agrees).
func (f *boolNames) Apply(set *flag.FlagSet) error {
	if len(f.EnvVars) > 0 || f.FilePath != "" {
		return f.BoolFlag.Apply(set)
	}
	count := f.Count
	if count == nil {
		count = new(int)
	}
	*count -= len(f.Aliases)
	dest := f.Destination
	if dest == nil {
		dest = new(bool)
	}
	*dest = f.Value
	for _, name := range f.Names() {
		set.Var(&boolValue{dest: dest, count: count}, name, f.Usage)
	}
	return nil
}

// boolValue is urfave/cli's unexported bool flag value: a flag.Value that
// is a boolean flag (no argument), a flag.Getter and a cli.Countable.
type boolValue struct {
	dest  *bool
	count *int
}

func (b *boolValue) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("parse error") // urfave/cli's words
	}
	*b.dest = v
	if b.count != nil {
		*b.count++
	}
	return nil
}

func (b *boolValue) Get() any         { return *b.dest }
func (b *boolValue) String() string   { return strconv.FormatBool(b.dest != nil && *b.dest) }
func (b *boolValue) IsBoolFlag() bool { return true }

func (b *boolValue) Count() int {
	if b.count != nil && *b.count > 0 {
		return *b.count
	}
	return 0
}

var _ cli.Countable = (*boolValue)(nil)
