package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		UsageText: "otr completion bash|zsh|fish",
		Description: `The script completes commands, options, and peer names (from the state
directory named by --state on the line, $OTR_STATE, or the default). It
asks otr itself, through a hidden "otr __complete" that only reads the
command tree and lists the saved peers: completing never runs a command.

Examples:
   source <(otr completion bash)                           # in ~/.bashrc
   otr completion zsh > "${fpath[1]}/_otr"                 # then restart zsh
   otr completion fish > ~/.config/fish/completions/otr.fish`,
		Action: func(c *cli.Context) error {
			script, ok := completionScripts[c.Args().First()]
			if !ok || c.Args().Len() != 1 {
				return withHint(usagef("otr completion takes one shell: bash, zsh or fish"), "e.g. source <(otr completion bash)")
			}
			_, err := fmt.Fprint(c.App.Writer, script)
			return err
		},
	}
}

var completionScripts = map[string]string{"bash": bashCompletion, "zsh": zshCompletion, "fish": fishCompletion}

// bashCompletion: "=" is a word of its own in COMP_WORDS ("--peer=bob"
// is "--peer" "=" "bob"); otr __complete skips it. Options taking a file
// fall back to file names (-o default).
const bashCompletion = `# bash completion for otr: source <(otr completion bash)
_otr() {
  local c
  COMPREPLY=()
  while IFS= read -r c; do
    COMPREPLY+=("$(printf '%q' "$c")")   # a peer name may hold spaces
  done < <("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "${COMP_WORDS[COMP_CWORD]}" 2>/dev/null)
}
complete -o default -F _otr otr
`

const zshCompletion = `#compdef otr
# zsh completion for otr: otr completion zsh > "${fpath[1]}/_otr"
_otr() {
  local -a cands
  cands=("${(@f)$("${words[1]}" __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)}")
  cands=(${cands:#})
  if (( ${#cands} )); then
    compadd -- "${cands[@]}"
  else
    _files
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _otr "$@"
else
  compdef _otr otr
fi
`

const fishCompletion = `# fish completion for otr: otr completion fish > ~/.config/fish/completions/otr.fish
function __otr_complete
    set -l words (commandline -opc)
    set -e words[1]
    otr __complete $words (commandline -ct) 2>/dev/null
end
function __otr_file_value
    set -l words (commandline -opc)
    contains -- $words[-1] --state --display --secret-file --dsa-x-file --x-file --session
end
complete -c otr -f -n 'not __otr_file_value' -a '(__otr_complete)'
complete -c otr -F -n '__otr_file_value'
`
