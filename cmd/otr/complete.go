package main

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

// completeCommand is the hidden word the completion scripts call:
// "otr __complete WORD… CURRENT" prints the candidates for CURRENT, one a
// line. It only reads the command tree and lists the state's peers.
const completeCommand = "__complete"

// completionRequest recognizes a call from a completion script, ours or
// urfave/cli's protocol (a trailing --generate-bash-completion, even
// after "--"): such a call never runs a real command.
func completionRequest(args []string) ([]string, bool) {
	if len(args) >= 2 && args[1] == completeCommand {
		return args[2:], true
	}
	if n := len(args); n >= 2 && args[n-1] == "--generate-bash-completion" {
		return append(append([]string(nil), args[1:n-1]...), ""), true
	}
	return nil, false
}

// complete prints the candidates for the last word that start with it.
func complete(app *cli.App, words []string, w io.Writer) error {
	cur := ""
	if len(words) > 0 {
		cur, words = words[len(words)-1], words[:len(words)-1]
	}
	var out strings.Builder
	for _, c := range candidates(app, joinEquals(words), cur) {
		if strings.HasPrefix(c, cur) {
			out.WriteString(c + "\n")
		}
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// joinEquals drops the "=" words bash makes of "--peer=bob".
func joinEquals(words []string) []string {
	var out []string
	for i, w := range words {
		if w == "=" && i > 0 && strings.HasPrefix(words[i-1], "-") {
			continue
		}
		out = append(out, w)
	}
	return out
}

// where is what the words typed so far lead to.
type where struct {
	cmd     *cli.Command // nil at the top
	flags   []cli.Flag
	cmds    []*cli.Command
	state   string // --state as typed, if any
	pending string // a flag whose value is being typed
	dashes  bool   // after "--": only arguments
}

func walk(app *cli.App, words []string) where {
	takesValue := valueFlags(app)
	at := where{flags: app.Flags, cmds: app.Commands}
	for i := 0; i < len(words); i++ {
		a := words[i]
		switch {
		case at.dashes:
		case a == "--":
			at.dashes = true
		case strings.HasPrefix(a, "-"):
			name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if !hasValue && takesValue[name] {
				if i+1 == len(words) {
					at.pending = name
					break
				}
				i++
				value = words[i]
			}
			if name == "state" {
				at.state = value
			}
		default:
			if c := findCommand(at.cmds, a); c != nil {
				at.cmd, at.flags, at.cmds = c, c.Flags, c.Subcommands
			} else {
				at.cmds = nil // an argument
			}
		}
	}
	return at
}

// candidates are every word that may stand at cur; the caller filters.
func candidates(app *cli.App, words []string, cur string) []string {
	at := walk(app, words)
	if at.pending != "" {
		return valuesFor(at, at.pending, "")
	}
	if at.dashes {
		return nil
	}
	if strings.HasPrefix(cur, "-") {
		if name, _, ok := strings.Cut(strings.TrimLeft(cur, "-"), "="); ok {
			return valuesFor(at, name, "--"+name+"=")
		}
		return flagNames(at.flags)
	}
	if at.cmd != nil && at.cmd.Name == "completion" {
		return []string{"bash", "fish", "zsh"}
	}
	return commandNames(at.cmds)
}

// valuesFor completes a flag's value: peer names from the state, network
// names for fragment sizes; nothing (the shell's files) otherwise.
func valuesFor(at where, flag, prefix string) []string {
	var vals []string
	switch flag {
	case "peer", "p":
		vals = peerNames(at.state)
	case "fragment-size", "smp-fragment-size":
		for n := range fragmentPresets {
			vals = append(vals, n)
		}
		sort.Strings(vals)
	}
	for i := range vals {
		vals[i] = prefix + vals[i]
	}
	return vals
}

func flagNames(flags []cli.Flag) []string {
	names := []string{"--help"}
	for _, f := range flags {
		if n := f.Names()[0]; len(n) > 1 {
			names = append(names, "--"+n)
		}
	}
	return names
}

// peerNames lists the saved peers of the state directory the words name
// (else $OTR_STATE, else the default); nothing when it cannot be read.
func peerNames(typed string) []string {
	if typed == "" {
		typed = os.Getenv("OTR_STATE")
	}
	if rest, ok := strings.CutPrefix(typed, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			typed = filepath.Join(home, rest)
		}
	}
	store, err := state.Open(stateDirFrom(typed))
	if err != nil {
		return nil
	}
	names, err := store.Peers()
	if err != nil {
		return nil
	}
	return printableNames(names)
}

// printableNames drops names with control characters: a candidate is one
// line, and the shell prints candidates to the terminal as they are.
func printableNames(names []string) []string {
	out := names[:0:0]
	for _, n := range names {
		if !strings.ContainsFunc(n, unicode.IsControl) {
			out = append(out, n)
		}
	}
	return out
}

// stdoutOf is where a command's report goes.
func stdoutOf(app *cli.App) io.Writer {
	if app.Writer != nil {
		return app.Writer
	}
	return os.Stdout
}
