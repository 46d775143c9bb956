//go:build urfave_cli_no_docs

package main

import (
	"testing"

	"github.com/urfave/cli/v2"
)

// urfaveDocs: the release build (README) leaves out urfave/cli's doc
// generators, so there is nothing to render.
func urfaveDocs(*testing.T, *cli.App) string { return "" }
