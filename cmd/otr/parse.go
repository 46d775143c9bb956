package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/otr/inspect"
	"github.com/otrtool/otr/pkg/state"
)

// parseCommand is `otr parse`: describe wire lines read on stdin (see
// docs/debugging.md). It reads the saved state but never writes it.
func parseCommand() *cli.Command {
	return &cli.Command{
		Name:  "parse",
		Usage: "show every field of the OTR wire lines read on stdin (like libotr's otr_parse)",
		Description: "Each stdin line is one wire line; fragments are also shown reassembled. With --peer, data\n" +
			"messages are decrypted with that peer's saved session (both directions). With --transcript\n" +
			"or --ladder, lines are \"name: wire line\" from two parties; --ladder draws the exchange.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "peer", Usage: "decrypt with the session saved for `NAME`"},
			&cli.StringFlag{Name: "session", Usage: "decrypt with the session in `FILE` (a peer file, or an otr.State in TOML or JSON)"},
			&cli.StringSliceFlag{Name: "aes-key", Usage: "also try this AES key (`HEX`, 32 digits) on every data message"},
			aesKeyFileFlag(),
			&cli.BoolFlag{Name: "transcript", Usage: "lines are \"name: wire line\"; each sender's fragments are reassembled apart"},
			&cli.BoolFlag{Name: "ladder", Usage: "draw a two-party transcript as a ladder diagram"},
		},
		Action: runParse,
	}
}

func runParse(c *cli.Context) error {
	keys, err := parseKeys(c)
	if err != nil {
		return err
	}
	if c.Bool("ladder") {
		var lines []string
		if err := eachLine(c.App.Reader, func(l string) error { lines = append(lines, l); return nil }); err != nil {
			return err
		}
		if err := ladderLines(lines); err != nil {
			return err
		}
		_, err := io.WriteString(c.App.Writer, terminalSafe(inspect.Ladder(lines, keys)))
		return err
	}
	out := parseOutput{w: c.App.Writer, json: globalBool(c, "json"), transcript: c.Bool("transcript"), keys: keys}
	if err := eachLine(c.App.Reader, out.line); err != nil {
		return err
	}
	if out.malformed > 0 {
		// Like recv: every line was described, but a script should learn
		// that some were broken.
		return reported{withHint(fmt.Errorf("%d of %d lines are malformed", out.malformed, out.n),
			"each is described above, with the broken field and its offset")}
	}
	return nil
}

// parseOutput describes lines one by one, keeping one Parser per sender.
type parseOutput struct {
	w          io.Writer
	json       bool
	transcript bool
	keys       *inspect.Keyring
	parsers    map[string]*inspect.Parser
	n          int
	malformed  int
}

// parsedLine is one --json output object.
type parsedLine struct {
	Line int    `json:"line"`
	From string `json:"from,omitempty"`
	inspect.Message
}

func (o *parseOutput) line(l string) error {
	o.n++
	from, wireLine := "", l
	if o.transcript {
		if who, rest, ok := inspect.SplitSpeaker(l); ok {
			from, wireLine = who, rest
		}
	}
	m := o.parser(from).Parse(wireLine)
	if m.Problem != nil {
		o.malformed++
	}
	if o.json {
		b, err := json.Marshal(parsedLine{Line: o.n, From: from, Message: m})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(o.w, "%s\n", b)
		return err
	}
	head := fmt.Sprintf("line %d", o.n)
	if from != "" {
		head += " from " + escapeText(from)
	}
	_, err := fmt.Fprintf(o.w, "%s: %s\n", head, terminalSafe(inspect.Format(m)))
	return err
}

func (o *parseOutput) parser(from string) *inspect.Parser {
	if o.parsers == nil {
		o.parsers = map[string]*inspect.Parser{}
	}
	p := o.parsers[from]
	if p == nil {
		p = &inspect.Parser{Keys: o.keys}
		o.parsers[from] = p
	}
	return p
}

// parseKeys gathers the keys to decrypt with; nil when none are asked for.
func parseKeys(c *cli.Context) (*inspect.Keyring, error) {
	keys := &inspect.Keyring{}
	if peer := c.String("peer"); peer != "" {
		st, err := peerSession(c, peer)
		if err != nil {
			return nil, err
		}
		keys.AddState(st)
	}
	if path := c.String("session"); path != "" {
		st, err := sessionFile(path)
		if err != nil {
			return nil, err
		}
		keys.AddState(st)
	}
	for _, h := range c.StringSlice("aes-key") {
		k, err := hexArg("--aes-key", h, 16)
		if err != nil {
			return nil, err
		}
		keys.AddAES(k)
	}
	if path := c.String("aes-key-file"); path != "" {
		if err := aesKeysFromFile(keys, path); err != nil {
			return nil, err
		}
	}
	if keys.Len() == 0 {
		if c.String("peer") != "" || c.String("session") != "" {
			fmt.Fprintln(c.App.ErrWriter, "otr: warning: the saved session holds no session keys (no private conversation): nothing to decrypt with")
		}
		return nil, nil
	}
	return keys, nil
}

// peerSession reads a peer's saved session without locking or writing:
// files are replaced atomically, so a read sees one whole version.
func peerSession(c *cli.Context, peer string) (otr.State, error) {
	store, err := state.Open(stateDir(c))
	if err != nil {
		return otr.State{}, err
	}
	if err := requireKnownPeer(store, "parse", peer); err != nil {
		return otr.State{}, err
	}
	p, err := store.LoadPeer(peer)
	if err != nil {
		return otr.State{}, err
	}
	return p.Session, nil
}

// sessionFile reads a session from a peer file (its [session] table), or
// an otr.State as TOML or JSON.
func sessionFile(path string) (otr.State, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return otr.State{}, err
	}
	var st otr.State
	if strings.HasPrefix(strings.TrimSpace(string(data)), "{") {
		err := state.DecodeJSON(path, data, &st)
		return st, err
	}
	// Decoded as the state package does, so that an error names the line
	// and never quotes the file (which holds session keys).
	var peer state.Peer
	md, err := state.DecodeTOML(path, data, &peer)
	if md.IsDefined("session") || err != nil && !state.IsUnknownKey(err) {
		return peer.Session, err
	}
	_, err = state.DecodeTOML(path, data, &st)
	return st, err
}

// hexArg decodes a hex argument of n bytes (any length when n is 0), in
// constant time and naming no digit of it: most are keys.
func hexArg(name, s string, n int) ([]byte, error) {
	var b otr.Bytes
	if err := b.UnmarshalText([]byte(strings.TrimSpace(s))); err != nil {
		return nil, usagef("%s: not hex (want an even number of hex digits)", name)
	}
	if n > 0 && len(b) != n {
		return nil, usagef("%s must be %d hex digits, got %d", name, 2*n, len(s))
	}
	return b, nil
}
