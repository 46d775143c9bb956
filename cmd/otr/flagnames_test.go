package main

import (
	"bytes"
	"slices"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestCachedFlagNamesChangeNothing: the app with cached flag names prints
// the same help, man page and completion as without, and the cache does
// wrap the flags (the peer flag of send, at least).
func TestCachedFlagNamesChangeNothing(t *testing.T) {
	render := func(cache bool) string {
		app := newApp()
		if cache {
			cacheFlagNames(app)
		}
		var out bytes.Buffer
		app.Writer, app.ErrWriter = &out, &out
		page, err := app.ToManWithSection(1)
		if err != nil {
			t.Fatal(err)
		}
		fish, err := app.ToFishCompletion()
		if err != nil {
			t.Fatal(err)
		}
		out.WriteString(page + fish)
		for _, args := range [][]string{{"otr", "--help"}, {"otr", "help", "smp"}} {
			_ = app.Run(args)
		}
		for _, cmd := range app.Commands {
			_ = app.Run([]string{"otr", cmd.Name, "--help"})
		}
		for _, cmd := range app.Commands {
			for _, f := range cmd.Flags {
				for _, n := range f.Names() {
					out.WriteString(cmd.Name + " " + n + " " + f.String() + "\n")
				}
			}
		}
		return out.String()
	}
	if plain, cached := render(false), render(true); plain != cached {
		t.Errorf("cached flag names change the output:\n%s\n---\n%s", plain, cached)
	}
	app := newApp()
	cacheFlagNames(app)
	send := app.Command("send")
	if _, ok := send.Flags[0].(*stringNames); !ok || send.Flags[0].Names()[0] != "peer" {
		t.Errorf("send's first flag is %T %v: not cached", send.Flags[0], send.Flags[0].Names())
	}
	for _, f := range send.Flags {
		if _, ok := f.(*cli.StringFlag); ok && !f.(*cli.StringFlag).TakesFile {
			t.Errorf("flag %v left unwrapped", f.Names())
		}
		if _, ok := f.(*cli.BoolFlag); ok {
			t.Errorf("bool flag %v (hidden or not) left unwrapped", f.Names())
		}
	}
}

// TestFlagNamesAsURFave: namesOf gives what cli.FlagNames gives.
func TestFlagNamesAsURFave(t *testing.T) {
	for _, tc := range []struct {
		name    string
		aliases []string
	}{
		{"peer", []string{"p"}}, {"", nil}, {"a, b", []string{"c d", " e"}},
		{"x,,  y\nz, w\nv", []string{"tail,"}}, {"plain", []string{}},
	} {
		want, got := cli.FlagNames(tc.name, tc.aliases), namesOf(tc.name, tc.aliases)
		if !slices.Equal(got, want) {
			t.Errorf("namesOf(%q, %q) = %q, want %q", tc.name, tc.aliases, got, want)
		}
	}
}

// TestHelpArgsWithoutHelpIsFree: a command line with no "help" word
// passes through helpArgs without listing every flag's names (which cost
// a quarter of the instructions of otr --version).
func TestHelpArgsWithoutHelpIsFree(t *testing.T) {
	app := newApp()
	args := []string{"otr", "--state", "dir", "send", "--peer", "bob", "--", "help"}
	allocs := testing.AllocsPerRun(10, func() {
		if got, err := helpArgs(app, args); err != nil || !slices.Equal(got, args) {
			t.Fatalf("helpArgs(%q) = %q, %v", args, got, err)
		}
	})
	if allocs != 0 {
		t.Errorf("helpArgs allocates %v times for a command line without help", allocs)
	}
	if got, _ := helpArgs(app, []string{"otr", "--state", "h", "help", "smp", "start"}); !slices.Equal(got, []string{"otr", "smp", "start", "--help"}) {
		t.Errorf("help smp start became %q", got)
	}
}

// TestCachedFlagNamesParse: flags given by name and by alias still reach
// the command.
func TestCachedFlagNamesParse(t *testing.T) {
	dir := t.TempDir() + "/s"
	for _, args := range [][]string{{"keygen"}, {"query", "--peer", "bob"}} {
		if _, stderr, code := runInProcess("", append([]string{"--state", dir}, args...)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	for _, args := range [][]string{{"--peer", "bob"}, {"-p", "bob"}} {
		out, stderr, code := runInProcess("hi\n", append([]string{"--state", dir, "send"}, args...)...)
		if code != 0 || out != "hi\n" {
			t.Errorf("send %q: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
}
