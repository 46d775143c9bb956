package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// urfave/cli's Apply, which puts a flag into each command's flag set, asks
// the flag's own (uncached) names: the embedded *cli.StringFlag calls its
// own Names, not the wrapper's, so every Apply ran the regular expression
// again. The wrappers apply themselves with the cached names.
//
// A string flag reads its EnvVars as urfave/cli does, and keeps what
// urfave/cli's Apply records as the default (for the help's "default:"
// text) in the wrapper. Bool and int flags with EnvVars (otr has none) and
// any flag with a FilePath go through urfave/cli's Apply; without them,
// what it records as the default is the flag's Value, which is also what
// the help shows when nothing is recorded: parsing writes to the flag
// set's value, never to Value.

func (f *stringNames) Apply(set *flag.FlagSet) error {
	if f.FilePath != "" {
		return f.StringFlag.Apply(set)
	}
	f.def, f.defSet = f.Value, true
	if v, ok := fromEnv(f.EnvVars); ok {
		f.Value, f.HasBeenSet = v, true
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

// fromEnv is the first of the variables that is set, as urfave/cli reads
// a flag's EnvVars (--state's OTR_STATE): that flag's Apply by urfave/cli
// ran the regular expression and allocated 36 KB for it.
func fromEnv(vars []string) (string, bool) {
	for _, v := range vars {
		if val, ok := os.LookupEnv(strings.TrimSpace(v)); ok {
			return val, true
		}
	}
	return "", false
}

// GetDefaultText is urfave/cli's, with the default Apply recorded (the
// value before the environment's) kept by the wrapper: the help shows
// the built-in default, not $OTR_STATE.
func (f *stringNames) GetDefaultText() string {
	if f.DefaultText != "" {
		return f.DefaultText
	}
	val := f.Value
	if f.defSet {
		val = f.def
	}
	if val == "" {
		return val
	}
	return fmt.Sprintf("%q", val)
}

// String is the flag's help line, through the wrapper's GetDefaultText.
func (f *stringNames) String() string { return cli.FlagStringer(f) }

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
