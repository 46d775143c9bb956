// Package cliutil holds what the otr command and the otr-irc-bridge
// command share: usage errors and hints, exit statuses, error reports,
// escaping for the terminal, and a line reader with a bound on line length.
package cliutil
