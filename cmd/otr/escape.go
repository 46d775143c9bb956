package main

import "github.com/otrtool/otr/internal/cliutil"

// escapeText makes text safe to print as (part of) one display line
// (cliutil.EscapeText).
func escapeText(s string) string { return cliutil.EscapeText(s) }
