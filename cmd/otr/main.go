// Command otr drives OTR (Off-the-Record) conversations from the shell:
// each invocation loads the saved state, does one step per input line,
// saves and exits. See docs/cli.md.
package main

import (
	"io"
	"os"

	"github.com/urfave/cli/v2"

	_ "github.com/otrtool/otr/internal/bigstack" // first: see its doc
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	noCoreDumps()
	exitOnSignals()
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp()
	cacheFlagNames(app)
	app.Reader, app.Writer, app.ErrWriter = stdin, stdout, stderr
	err := runApp(app, args)
	if err == nil {
		return exitOK
	}
	reportError(stderr, err)
	return exitCode(err)
}

// runApp runs the command line; a completion request never runs a real
// command, and help goes to the innermost command named.
func runApp(app *cli.App, args []string) error {
	if words, ok := completionRequest(args); ok {
		return complete(app, words, stdoutOf(app))
	}
	args, err := helpArgs(app, args)
	if err != nil {
		return err
	}
	return app.Run(args)
}
