package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

//go:generate sh -c "go run . man > ../../docs/otr.1"

func manCommand() *cli.Command {
	return &cli.Command{
		Name:   "man",
		Usage:  "print the man page (docs/otr.1 is made with it)",
		Hidden: true,
		Action: func(c *cli.Context) error {
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(c.App.Writer, page)
			return err
		},
	}
}

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash or fish)",
		UsageText: "otr completion bash|fish",
		Description: `Examples:
   source <(otr completion bash)           # in ~/.bashrc
   otr completion fish > ~/.config/fish/completions/otr.fish`,
		Action: func(c *cli.Context) error {
			switch c.Args().First() {
			case "bash":
				_, err := fmt.Fprint(c.App.Writer, bashCompletion)
				return err
			case "fish":
				script, err := c.App.ToFishCompletion()
				if err == nil {
					_, err = fmt.Fprint(c.App.Writer, script)
				}
				return err
			}
			return usagef("completion: say bash or fish")
		},
	}
}

// bashCompletion asks otr itself for candidates (urfave/cli's
// --generate-bash-completion protocol).
const bashCompletion = `_otr_complete() {
  local IFS=$'\n'
  COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:COMP_CWORD-1}" --generate-bash-completion 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
}
complete -o default -F _otr_complete otr
`
