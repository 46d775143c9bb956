package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

//go:generate sh -c "go run . man > ../../docs/otr.1"

func manCommand() *cli.Command {
	return &cli.Command{
		Name:   "man",
		Usage:  "print the man page (docs/otr.1 is made with it)",
		Hidden: true,
		Action: func(c *cli.Context) error {
			_, err := fmt.Fprint(c.App.Writer, manPage(c.App))
			return err
		},
	}
}

// manPage writes the page for people: each command with its synopsis,
// description and own options; the global options once; then the
// environment, files, exit status and examples.
func manPage(app *cli.App) string {
	var m roff
	m.line(`.TH OTR 1 "" "otr" "User Commands"`)
	m.line(".nh\n.ad l") // no hyphenation, ragged right: commands stay whole
	m.section("NAME")
	m.text("otr - " + app.Usage)
	m.section("SYNOPSIS")
	m.synopsis("otr [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]")
	m.section("DESCRIPTION")
	m.paragraphs(manDescription)
	m.section("GLOBAL OPTIONS")
	m.paragraphs("They are accepted before the command and, as a convenience, after it.")
	m.options(app.Flags)
	m.section("COMMANDS")
	for _, cmd := range app.Commands {
		m.command(cmd, "otr")
	}
	for _, s := range manSections {
		m.section(s.title)
		m.paragraphs(s.body)
	}
	return m.String()
}

// roff builds the page; every text goes through escape.
type roff struct{ strings.Builder }

func (m *roff) line(s string) { m.WriteString(s + "\n") }

func (m *roff) section(title string) { m.line(".SH " + title) }

func (m *roff) text(s string) { m.line(roffEscape(s)) }

func (m *roff) synopsis(s string) {
	m.line(".PP\n.nf")
	for _, l := range strings.Split(s, "\n") {
		m.line(".B " + roffEscape(strings.TrimSpace(l)))
	}
	m.line(".fi")
}

// paragraphs sets blank-line separated text: indented lines (commands,
// tables) stay as they are, the rest is filled.
func (m *roff) paragraphs(text string) {
	for _, para := range strings.Split(strings.Trim(text, "\n"), "\n\n") {
		lines := strings.Split(para, "\n")
		m.line(".PP")
		verbatim := false
		for _, l := range lines {
			indented := strings.HasPrefix(l, "   ")
			if indented != verbatim {
				verbatim = indented
				m.line(map[bool]string{true: ".RS 4\n.nf", false: ".fi\n.RE"}[verbatim])
			}
			if verbatim {
				l = strings.TrimPrefix(l, "   ")
			}
			m.text(l)
		}
		if verbatim {
			m.line(".fi\n.RE")
		}
	}
}

// command documents cmd (then its subcommands) under "PARENT NAME".
func (m *roff) command(cmd *cli.Command, parent string) {
	if cmd.Hidden || cmd.Name == "help" {
		return
	}
	full := parent + " " + cmd.Name
	m.line(".SS " + roffEscape(full))
	m.synopsis(commandSynopsis(cmd, full))
	m.line(".PP")
	m.text(strings.ToUpper(cmd.Usage[:1]) + cmd.Usage[1:] + ".")
	if cmd.Description != "" {
		m.paragraphs(cmd.Description)
	}
	if own := ownFlags(cmd.Flags); len(own) > 0 {
		m.options(own)
	}
	for _, sub := range cmd.Subcommands {
		m.command(sub, full)
	}
}

func commandSynopsis(cmd *cli.Command, full string) string {
	if cmd.UsageText != "" {
		return cmd.UsageText
	}
	s := full
	if subs := commandNames(cmd.Subcommands); len(subs) > 0 {
		s += " " + strings.Join(subs, "|")
	}
	if len(ownFlags(cmd.Flags)) > 0 {
		s += " [OPTIONS]"
	}
	if cmd.ArgsUsage != "" {
		s += " " + cmd.ArgsUsage
	}
	return s
}

// ownFlags leaves out the global flags every command also takes.
func ownFlags(flags []cli.Flag) []cli.Flag {
	global := map[string]bool{}
	for _, f := range globalFlags(false) {
		global[f.Names()[0]] = true
	}
	var own []cli.Flag
	for _, f := range flags {
		if !global[f.Names()[0]] {
			own = append(own, f)
		}
	}
	return own
}

// options lists flags as a tagged paragraph each.
func (m *roff) options(flags []cli.Flag) {
	for _, f := range flags {
		df, ok := f.(cli.DocGenerationFlag)
		if !ok || isHidden(f) {
			continue
		}
		placeholder, usage := unquoteUsage(df.GetUsage())
		var names []string
		for _, n := range f.Names() {
			dash := "--"
			if len(n) == 1 {
				dash = "-"
			}
			name := `\fB` + roffEscape(dash+n) + `\fR`
			if df.TakesValue() {
				if placeholder == "" {
					placeholder = "VALUE"
				}
				name += ` \fI` + roffEscape(placeholder) + `\fR`
			}
			names = append(names, name)
		}
		m.line(".TP\n" + strings.Join(names, ", "))
		m.text(usage)
		if env := envOf(f); env != "" {
			m.text("(environment: " + env + ")")
		}
	}
}

func isHidden(f cli.Flag) bool {
	v, ok := f.(cli.VisibleFlag)
	return ok && !v.IsVisible()
}

func envOf(f cli.Flag) string {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		return strings.Join(d.GetEnvVars(), ", ")
	}
	return ""
}

// roffEscape keeps text literal: backslashes, a leading dot or quote, and
// hyphens (so that options copied from the page are ASCII minus signs).
func roffEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// unquoteUsage splits a flag's usage into its `PLACEHOLDER` and the text
// without the backquotes (urfave/cli's own rule).
func unquoteUsage(usage string) (string, string) {
	before, rest, ok := strings.Cut(usage, "`")
	if !ok {
		return "", usage
	}
	name, after, ok := strings.Cut(rest, "`")
	if !ok {
		return "", usage
	}
	return name, before + name + after
}
