package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestCachedApplyAsURFave: a wrapped flag puts into a flag set exactly
// what urfave/cli's Apply puts there (names, usage, defaults, values and
// counts after parsing, errors, values from the environment, applied once
// or twice), and its help line, man page default and set-ness stay the
// same.
func TestCachedApplyAsURFave(t *testing.T) {
	t.Setenv("OTR_TEST_FROM_ENV", "/from/env")
	t.Setenv("OTR_TEST_EMPTY", "")
	flags := func() []cli.Flag {
		var dest string
		var count int
		var n int
		var on bool
		return []cli.Flag{
			&cli.StringFlag{Name: "peer", Aliases: []string{"p"}, Usage: "the `NAME`", Value: "bob"},
			&cli.StringFlag{Name: "out", Destination: &dest, Value: "x"},
			&cli.BoolFlag{Name: "json", Aliases: []string{"j", "J"}, Usage: "json", Count: &count},
			&cli.BoolFlag{Name: "yes", Value: true, Destination: &on},
			&cli.BoolFlag{Name: "quiet", DisableDefaultText: true},
			&cli.IntFlag{Name: "n", Value: 7, Destination: &n},
			&cli.IntFlag{Name: "m", Aliases: []string{"M"}},
			&cli.StringFlag{Name: "state", EnvVars: []string{"OTR_TEST_UNSET", " OTR_TEST_FROM_ENV"}, Value: "built-in"},
			&cli.StringFlag{Name: "dir", EnvVars: []string{"OTR_TEST_UNSET"}, Usage: "a `DIR`"},
			&cli.StringFlag{Name: "empty", EnvVars: []string{"OTR_TEST_EMPTY"}, Value: "x"},
			&cli.StringFlag{Name: "plain", EnvVars: []string{"OTR_TEST_FROM_ENV"}},
		}
	}
	describe := func(wrap bool, args []string, applies int) string {
		var out strings.Builder
		set := flag.NewFlagSet("t", flag.ContinueOnError)
		set.SetOutput(io.Discard)
		for _, f := range flags() {
			if wrap {
				f = cachedFlag(f)
			}
			fmt.Fprintf(&out, "before: %s\n", f.String())
			for i := 0; i < applies; i++ {
				earlier := flag.NewFlagSet("earlier", flag.ContinueOnError)
				if err := f.Apply(earlier); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Apply(set); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%s set %v\n", f.String(), f.IsSet())
			defer func(f cli.Flag) {
				if d, ok := f.(cli.DocGenerationFlag); ok {
					fmt.Fprintf(&out, "default %s %q value %q\n", f.Names()[0], d.GetDefaultText(), d.GetValue())
				}
			}(f)
		}
		fmt.Fprintf(&out, "parse: %v\n", set.Parse(args))
		set.VisitAll(func(fl *flag.Flag) {
			fmt.Fprintf(&out, "%s %q %q %q %T", fl.Name, fl.Usage, fl.DefValue, fl.Value.String(), fl.Value.(flag.Getter).Get())
			if c, ok := fl.Value.(cli.Countable); ok {
				fmt.Fprintf(&out, " count %d", c.Count())
			}
			if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok {
				fmt.Fprintf(&out, " bool %v", b.IsBoolFlag())
			}
			out.WriteString("\n")
		})
		return out.String()
	}
	for _, args := range [][]string{
		nil,
		{"-p", "alice", "--out", "y", "-j", "--json", "-J", "--yes=false", "-n", "3", "-M", "4"},
		{"--json=maybe"},
		{"-n", "x"},
		{"--quiet", "--quiet"},
		{"--state", "given", "--plain=p"},
	} {
		for applies := range 2 {
			if plain, cached := describe(false, args, applies), describe(true, args, applies); plain != cached {
				t.Errorf("%q, applied %d times before: the wrapped flags differ:\n%s\n---\n%s", args, applies, plain, cached)
			}
		}
	}
}

// TestBuiltinFlagsCached: urfave/cli's own --help and --version flags are
// wrapped too, and still work.
func TestBuiltinFlagsCached(t *testing.T) {
	if _, ok := cli.HelpFlag.(*boolNames); !ok {
		t.Errorf("cli.HelpFlag is %T", cli.HelpFlag)
	}
	if _, ok := cli.VersionFlag.(*boolNames); !ok {
		t.Errorf("cli.VersionFlag is %T", cli.VersionFlag)
	}
	for _, args := range [][]string{{"-v"}, {"--version"}} {
		if out, _, code := runInProcess("", args...); code != 0 || !strings.Contains(out, version) {
			t.Errorf("otr %q: exit %d, %q", args, code, out)
		}
	}
	for _, args := range [][]string{{"-h"}, {"send", "--help"}} {
		if out, _, code := runInProcess("", args...); code != 0 || !strings.Contains(out, "USAGE") {
			t.Errorf("otr %q: exit %d, %q", args, code, out)
		}
	}
}
