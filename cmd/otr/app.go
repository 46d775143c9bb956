package main

import (
	"errors"

	"github.com/urfave/cli/v2"
)

const appDescription = `otr speaks Off-the-Record messaging (OTR versions 2 and 3) from the shell.
Each invocation loads the saved state, does one step per input line, saves
and exits; nothing runs in the background. stdout of query, send, recv,
smp, close, heartbeat and extra-key carries only wire lines for the peer;
what the user should see goes to the display stream (stderr, or --display),
as text or, with --json, as JSON lines.

Exit status: 0 success; 1 failure (bad input, bad or missing state, a line
recv rejected, an unknown peer); 2 usage error; 128+n after signal n
(SIGINT, SIGTERM, SIGHUP, SIGQUIT: the step under way finishes first). Errors read
"otr: error: ..." followed by "otr: hint: ..." when there is something to do.

otr help COMMAND [SUBCOMMAND] shows a command's page (man otr: all of
them); otr completion bash|zsh|fish completes commands and peer names.

Example, two identities talking through files:
   otr --state A keygen; otr --state B keygen
   otr --state A query --peer bob > q
   otr --state B recv --peer alice < q > r1
   otr --state A recv --peer bob < r1 > r2     # and so on until "secure"
   echo hi | otr --state A send --peer bob | otr --state B recv --peer alice`

func newApp() *cli.App {
	app := &cli.App{
		Name:                 "otr",
		Usage:                "Off-the-Record messaging for shell scripts",
		UsageText:            "otr [--state DIR] [--json] [--display PATH] [--debug] [--fragment-size N|NETWORK] COMMAND [options]",
		Description:          appDescription,
		Version:              version,
		EnableBashCompletion: true,
		Flags:                quiet(globalFlags(true), false),
		Commands: []*cli.Command{
			keygenCommand(), fingerprintCommand(), queryCommand(), sendCommand(), recvCommand(), smpCommand(),
			closeCommand(), heartbeatCommand(), extraKeyCommand(), statusCommand(), trustCommand(), policyCommand(),
			parseCommand(), forgeCommand(), importLibotrCommand(), exportLibotrCommand(), completionCommand(), manCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return unknownCommand("", c.Args().First(), c.App.Commands)
			}
			_ = cli.ShowAppHelp(c)
			return usagef("no command given")
		},
		ExitErrHandler: func(*cli.Context, error) {}, // main prints errors and exits
		OnUsageError:   onUsageError,
	}
	// The hidden copies of the global options are the same flags in every
	// command: a flag holds no value (its flag set does), and only one
	// command runs. A set for each command was a tenth of the allocations
	// of every start.
	hidden := quiet(globalFlags(false), true)
	for _, cmd := range app.Commands {
		prepare(cmd, hidden)
	}
	return app
}

// prepare gives every command the global flags, our usage errors, and JSON
// error events.
func prepare(cmd *cli.Command, hidden []cli.Flag) {
	cmd.Flags = append(quiet(cmd.Flags, false), hidden...)
	cmd.CustomHelpTemplate = helpTemplate(cmd)
	cmd.OnUsageError = onUsageError
	if cmd.Action == nil && len(cmd.Subcommands) > 0 {
		cmd.Action = needSubcommand
	}
	if cmd.Action != nil {
		cmd.Action = withErrorEvent(withStateCheck(cmd.Action))
	}
	for _, sub := range cmd.Subcommands {
		prepare(sub, hidden)
	}
}

func onUsageError(c *cli.Context, err error, _ bool) error { return flagUsageError(c, err) }

// withErrorEvent also reports a failure as an error event when --json is
// on, so that a script reading the display stream sees it.
func withErrorEvent(act cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		err := act(c)
		var r reported
		if err == nil || errors.As(err, &r) || !globalBool(c, "json") {
			return err
		}
		if errors.Is(err, errDisplay) {
			return err // the display is what failed: opening it again could wait forever (a FIFO without a reader)
		}
		if d, derr := openDisplay(c); derr == nil {
			d.show([]shown{errorEvent(c.String("peer"), err)})
			_ = d.close()
		}
		return err
	}
}
