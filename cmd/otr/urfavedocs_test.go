//go:build !urfave_cli_no_docs

package main

import (
	"testing"

	"github.com/urfave/cli/v2"
)

// urfaveDocs is urfave/cli's own man page and fish completion of app
// (otr uses neither; they show what the flag wrappers look like to it).
func urfaveDocs(t *testing.T, app *cli.App) string {
	t.Helper()
	page, err := app.ToManWithSection(1)
	if err != nil {
		t.Fatal(err)
	}
	fish, err := app.ToFishCompletion()
	if err != nil {
		t.Fatal(err)
	}
	return page + fish
}
