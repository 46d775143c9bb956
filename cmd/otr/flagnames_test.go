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
		return renderApp(t, app)
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

// renderApp is everything an app prints about itself: urfave/cli's man
// page and fish completion (in a build that has them), every help page,
// and every command's flags.
func renderApp(t *testing.T, app *cli.App) string {
	t.Helper()
	var out bytes.Buffer
	app.Writer, app.ErrWriter = &out, &out
	out.WriteString(urfaveDocs(t, app))
	for _, args := range [][]string{{"otr", "--help"}, {"otr", "help", "smp"}} {
		_ = app.Run(args)
	}
	for _, cmd := range app.Commands {
		_ = app.Run([]string{"otr", cmd.Name, "--help"})
		for _, sub := range cmd.Subcommands {
			_ = app.Run([]string{"otr", cmd.Name, sub.Name, "--help"})
		}
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

// TestSharedGlobalFlagsChangeNothing: the commands share one set of hidden
// global flags; with a set of its own for each command (as before), the
// app prints the same, and the flags still reach the command that runs.
func TestSharedGlobalFlagsChangeNothing(t *testing.T) {
	shared := newApp()
	own := newApp()
	var unshare func(cmds []*cli.Command)
	unshare = func(cmds []*cli.Command) {
		for _, cmd := range cmds {
			n := len(cmd.Flags) - len(globalFlags(false))
			cmd.Flags = append(cmd.Flags[:n:n], quiet(globalFlags(false), true)...)
			unshare(cmd.Subcommands)
		}
	}
	unshare(own.Commands)
	if own.Command("send").Flags[1] == shared.Command("send").Flags[1] {
		t.Fatal("the test did not give send flags of its own")
	}
	if a, b := shared.Command("send").Flags, shared.Command("recv").Flags; a[len(a)-1] != b[len(b)-1] {
		t.Error("send and recv do not share their hidden global flags")
	}
	cacheFlagNames(shared)
	cacheFlagNames(own)
	if a, b := renderApp(t, own), renderApp(t, shared); a != b {
		t.Errorf("shared global flags change the output:\n%s\n---\n%s", a, b)
	}
	dir := t.TempDir() + "/s"
	for _, args := range [][]string{{"keygen", "--state", dir}, {"query", "--state", dir, "--peer", "bob"}} {
		if _, stderr, code := runInProcess("", args...); code != 0 {
			t.Fatal(stderr)
		}
	}
	for _, args := range [][]string{{"send", "--state", dir, "--peer", "bob"}, {"--state", dir, "send", "-p", "bob", "--json"}} {
		if out, stderr, code := runInProcess("hi\n", args...); code != 0 || out != "hi\n" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, stderr)
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

// TestNewAppAllocations: building the app, which every invocation does,
// stays cheap: 840 allocations when each command had its own global flags
// and each flag its own wrapper allocation and each command its own help
// template, 264 since.
func TestNewAppAllocations(t *testing.T) {
	if n := testing.AllocsPerRun(10, func() { cacheFlagNames(newApp()) }); n > 320 {
		t.Errorf("newApp and cacheFlagNames allocate %.0f times", n)
	}
}

func BenchmarkNewApp(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		cacheFlagNames(newApp())
	}
}
