package main

import (
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/otrtool/otr/pkg/otr/inspect"
)

// remacArgs are otr_remac's positional arguments, in its order.
var remacArgs = []string{"sender-instance", "receiver-instance", "flags", "sender-keyid", "recipient-keyid",
	"next-dh", "counter", "encrypted", "old-mac-keys"}

func remacCommand() *cli.Command {
	flags := []cli.Flag{&cli.IntFlag{Name: "version", Usage: "protocol version `2 or 3` of the message built from pieces", Value: 3}}
	for _, name := range remacArgs {
		flags = append(flags, &cli.StringFlag{Name: name, Usage: "replace this field (numbers decimal, the rest hex)"})
	}
	return &cli.Command{
		Name:  "remac",
		Usage: "MAC a data message with MAC_KEY: the one on stdin, with any fields replaced, or one built from otr_remac's pieces",
		ArgsUsage: "MAC_KEY_HEX [SENDER_INSTANCE RECEIVER_INSTANCE FLAGS SENDER_KEYID RECIPIENT_KEYID NEXT_DH COUNTER " +
			"ENCRYPTED OLD_MAC_KEYS]",
		Flags:  flags,
		Action: runRemac,
	}
}

func runRemac(c *cli.Context) error {
	if c.NArg() != 1 && c.NArg() != 1+len(remacArgs) {
		return usagef("remac takes a MAC key and either a message on stdin or all %d pieces of otr_remac", len(remacArgs))
	}
	key, err := hexArg("the MAC key", c.Args().First(), 20)
	if err != nil {
		return err
	}
	var f inspect.DataFields
	values := map[string]string{}
	if c.NArg() == 1 {
		line, err := stdinMessage(c)
		if err != nil {
			return err
		}
		if f, err = inspect.FieldsOf(line); err != nil {
			return err
		}
	} else {
		f.Version = c.Int("version")
		for i, name := range remacArgs {
			values[name] = c.Args().Get(i + 1)
		}
	}
	for _, name := range remacArgs {
		if c.IsSet(name) {
			values[name] = c.String(name)
		}
	}
	if err := setFields(&f, values); err != nil {
		return err
	}
	out, err := inspect.Assemble(f, key)
	if err != nil {
		return err
	}
	return report(c, map[string]string{"forged": out}, out+"\n")
}

// setFields applies field values given as text.
func setFields(f *inspect.DataFields, values map[string]string) error {
	nums := map[string]*uint32{"sender-instance": &f.SenderTag, "receiver-instance": &f.ReceiverTag,
		"sender-keyid": &f.SenderKeyID, "recipient-keyid": &f.RecipKeyID}
	bytes := map[string]*[]byte{"next-dh": &f.NextDH, "counter": &f.Counter, "encrypted": &f.Encrypted, "old-mac-keys": &f.OldMACKeys}
	for name, v := range values {
		switch {
		case name == "flags":
			n, err := strconv.ParseUint(v, 10, 8)
			if err != nil {
				return usagef("--%s: %v", name, err)
			}
			f.Flags = byte(n)
		case nums[name] != nil:
			n, err := strconv.ParseUint(v, 10, 32)
			if err != nil {
				return usagef("--%s: %v", name, err)
			}
			*nums[name] = uint32(n)
		default:
			b, err := hexArg("--"+name, v, 0)
			if err != nil {
				return err
			}
			*bytes[name] = b
		}
	}
	return nil
}
