package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/otrtool/otr/pkg/otr/inspect"
)

// forgeCommand is `otr forge …`: libotr's toolkit for keys and forgeries
// (otr_sesskeys, otr_mackey, otr_readforge, otr_modify, otr_remac). See
// docs/debugging.md.
func forgeCommand() *cli.Command {
	return &cli.Command{
		Name:  "forge",
		Usage: "derive session keys and forge data messages (libotr's otr_sesskeys, otr_mackey, otr_readforge, otr_modify, otr_remac)",
		Subcommands: []*cli.Command{
			sesskeysCommand(), mackeyCommand(), readforgeCommand(), modifyCommand(), remacCommand(),
		},
	}
}

func sesskeysCommand() *cli.Command {
	return &cli.Command{
		Name:      "sesskeys",
		Usage:     "session id, AES and MAC keys from our D-H private key and their public value",
		ArgsUsage: "OUR_PRIVATE_HEX THEIR_PUBLIC_HEX",
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usagef("sesskeys takes our private key and their public key, in hex")
			}
			priv, err := hexArg("our private key", c.Args().Get(0), 0)
			if err != nil {
				return err
			}
			pub, err := hexArg("their public key", c.Args().Get(1), 0)
			if err != nil {
				return err
			}
			k, err := inspect.ComputeSessKeys(priv, pub)
			if err != nil {
				return err
			}
			return report(c, k, k.LibotrText())
		},
	}
}

func mackeyCommand() *cli.Command {
	return &cli.Command{
		Name:      "mackey",
		Usage:     "the MAC key belonging to an AES key",
		ArgsUsage: "AES_KEY_HEX",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("mackey takes one AES key in hex")
			}
			k, err := hexArg("the AES key", c.Args().First(), 16)
			if err != nil {
				return err
			}
			v := struct {
				AES inspect.Hex `json:"aes_key"`
				MAC inspect.Hex `json:"mac_key"`
			}{k, inspect.MACKey(k)}
			return report(c, v, inspect.MACKeyText(k))
		},
	}
}

func readforgeCommand() *cli.Command {
	return &cli.Command{
		Name:      "readforge",
		Usage:     "decrypt the data message on stdin with an AES key; with NEW_TEXT, replace its text and re-MAC it",
		ArgsUsage: "AES_KEY_HEX [NEW_TEXT]",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "keep-tlvs", Usage: "keep the TLVs after the text (libotr's tool drops them)"},
			&cli.BoolFlag{Name: "keep-length", Usage: "pad the new text with spaces to the old text's length (keeps the TLVs)"},
		},
		Action: runReadforge,
	}
}

func runReadforge(c *cli.Context) error {
	if c.NArg() < 1 || c.NArg() > 2 {
		return usagef("readforge takes an AES key in hex and, optionally, the new text")
	}
	key, err := hexArg("the AES key", c.Args().First(), 16)
	if err != nil {
		return err
	}
	line, err := stdinMessage(c)
	if err != nil {
		return err
	}
	opts := inspect.ForgeOptions{KeepTLVs: c.Bool("keep-tlvs"), KeepLength: c.Bool("keep-length")}
	if c.NArg() == 2 {
		text := c.Args().Get(1)
		opts.Replace = &text
	}
	r, err := inspect.ReadForge(line, key, opts)
	if err != nil {
		return err
	}
	if !r.MACValid {
		fmt.Fprintln(c.App.ErrWriter, "MAC does not verify: wrong AES key?")
	}
	text := readforgeText(r)
	return report(c, r, text)
}

// readforgeText is otr_readforge's report: the plaintext (when the MAC
// verifies), then the forged message; TLVs are listed after the text.
func readforgeText(r inspect.ReadResult) string {
	var b strings.Builder
	if r.MACValid {
		fmt.Fprintf(&b, "Plaintext: ``%s''\n", r.Decrypted.Text)
		for _, t := range r.Decrypted.TLVs {
			fmt.Fprintf(&b, "TLV %d %s, %d bytes\n", t.Type, t.Name, t.Length)
		}
	}
	if r.Forged != "" {
		b.WriteString(r.Forged + "\n")
	}
	return b.String()
}

func modifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "modify",
		Usage:     "change known text at OFFSET of the data message on stdin, without its AES key, and re-MAC it",
		ArgsUsage: "MAC_KEY_HEX OLD_TEXT NEW_TEXT OFFSET",
		Action: func(c *cli.Context) error {
			if c.NArg() != 4 {
				return usagef("modify takes a MAC key in hex, the old text, the new text (same length) and the offset")
			}
			a := c.Args()
			key, err := hexArg("the MAC key", a.Get(0), 20)
			if err != nil {
				return err
			}
			offset, err := strconv.Atoi(a.Get(3))
			if err != nil {
				return usagef("offset: %v", err)
			}
			line, err := stdinMessage(c)
			if err != nil {
				return err
			}
			if ok, _ := inspect.Verify(line, key); !ok {
				fmt.Fprintln(c.App.ErrWriter, "MAC does not verify: wrong MAC key? (forging anyway)")
			}
			out, err := inspect.Modify(line, key, a.Get(1), a.Get(2), offset)
			if err != nil {
				return err
			}
			return report(c, map[string]string{"forged": out}, out+"\n")
		},
	}
}

// stdinMessage is the first line of stdin holding an encoded message.
func stdinMessage(c *cli.Context) (string, error) {
	found := ""
	err := eachLine(c.App.Reader, func(l string) error {
		if found == "" && strings.Contains(l, "?OTR:") {
			found = l
		}
		return nil
	})
	if err == nil && found == "" {
		err = fmt.Errorf("no OTR data message (\"?OTR:...\") on stdin")
	}
	return found, err
}

// report prints v as JSON with --json, else text.
func report(c *cli.Context, v any, text string) error {
	if globalBool(c, "json") {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.App.Writer, "%s\n", b)
		return err
	}
	_, err := io.WriteString(c.App.Writer, text)
	return err
}
