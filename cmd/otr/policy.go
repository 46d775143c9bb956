package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

// policyFields maps the command's names to the policy's flags.
var policyFields = []struct {
	name string
	get  func(p *otr.Policy) *bool
}{
	{"allow-v2", func(p *otr.Policy) *bool { return &p.AllowV2 }},
	{"allow-v3", func(p *otr.Policy) *bool { return &p.AllowV3 }},
	{"require-encryption", func(p *otr.Policy) *bool { return &p.RequireEncryption }},
	{"whitespace-tag", func(p *otr.Policy) *bool { return &p.SendWhitespaceTag }},
	{"whitespace-start-ake", func(p *otr.Policy) *bool { return &p.WhitespaceStartAKE }},
	{"error-start-ake", func(p *otr.Policy) *bool { return &p.ErrorStartAKE }},
}

func policyCommand() *cli.Command {
	return &cli.Command{
		Name:      "policy",
		Usage:     "print or change the identity's policy",
		UsageText: "otr policy [NAME=true|false ...]",
		Description: `Without arguments prints the policy, one NAME=VALUE per line. With
arguments sets those flags and prints the result. Names:
   allow-v2              speak OTR version 2 (default true)
   allow-v3              speak OTR version 3 (default true)
   require-encryption    never send plaintext: queue messages and query (default false)
   whitespace-tag        mark plaintext with the OTR whitespace tag (default false)
   whitespace-start-ake  start the AKE on a peer's whitespace tag (default true)
   error-start-ake       start the AKE on a peer's OTR error (default true)

Examples:
   otr policy
   otr policy require-encryption=true allow-v2=false`,
		Action: policyAction,
	}
}

func policyAction(c *cli.Context) error {
	if err := setPolicy(&otr.Policy{}, c.Args().Slice()); err != nil {
		return err // a usage error, before touching the state
	}
	store, err := state.Open(stateDir(c))
	if err != nil {
		return err
	}
	lock, err := store.LockIdentity(c.Args().Present())
	if err != nil {
		return err
	}
	defer lock.Unlock()
	id, err := store.LoadIdentity()
	if err != nil {
		return err
	}
	if c.Args().Present() {
		if err := setPolicy(&id.Policy, c.Args().Slice()); err != nil {
			return err
		}
		if err := store.SaveIdentity(id); err != nil {
			return err
		}
	}
	printPolicy(c.App.Writer, id.Policy)
	return nil
}

func setPolicy(p *otr.Policy, args []string) error {
	for _, arg := range args {
		name, value, ok := strings.Cut(arg, "=")
		b, err := strconv.ParseBool(value)
		if !ok || err != nil {
			return usagef("policy: %q is not NAME=true or NAME=false", arg)
		}
		field := policyField(p, name)
		if field == nil {
			return usagef("policy: unknown name %q", name)
		}
		*field = b
	}
	return nil
}

func policyField(p *otr.Policy, name string) *bool {
	for _, f := range policyFields {
		if f.name == name {
			return f.get(p)
		}
	}
	return nil
}

func printPolicy(w io.Writer, p otr.Policy) {
	for _, f := range policyFields {
		fmt.Fprintf(w, "%s=%t\n", f.name, *f.get(&p))
	}
}
