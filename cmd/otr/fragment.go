package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/otrtool/otr/internal/irc"
	"github.com/urfave/cli/v2"
)

// fragmentPresets are pidgin-otr's maximum message sizes per network,
// except IRC's: pidgin's 417 overflows IRC's 512-byte line once the
// server puts ":nick!user@host PRIVMSG target :" in front, with long
// hosts. ircFragmentSize leaves room for the longest usual prefix.
var fragmentPresets = map[string]int{
	"irc": ircFragmentSize, "yahoo": 799, "gadugadu": 1999, "msn": 1409,
	"icq": 2346, "aim": 2343, "novell": 1792,
}

// ircFragmentSize: 512 bytes, less CR LF, less ":" NICK "!" USER "@" HOST
// " PRIVMSG " TARGET " :" with 30-byte nicks (NICKLEN of many networks),
// "~" and a 10-byte user (USERLEN) and a 63-byte host (HOSTLEN): 362.
const ircFragmentSize = irc.MaxLine - 2 - (1 + ircPresetNick + 1 + irc.WorstUserhost + len(" PRIVMSG ") + ircPresetNick + len(" :"))

// ircPresetNick is the nick length the irc preset allows for.
const ircPresetNick = 30

// presetList names the presets for help and errors. It is written out,
// not built from fragmentPresets: every command's flags mention it, so
// building it cost every start (TestPresetListIsCurrent builds it).
func presetList() string { return presetNames }

const presetNames = "aim (2343), gadugadu (1999), icq (2346), irc (362), msn (1409), novell (1792), yahoo (799)"

// parseFragmentSize reads a number or a preset name; "" or 0 means no
// fragmentation.
func parseFragmentSize(s string) (int, error) { return parseSize("fragment-size", s) }

func parseSize(flag, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	if n, ok := fragmentPresets[strings.ToLower(s)]; ok {
		return n, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, usagef("--%s %q: want a number of characters or one of %s", flag, s, presetList())
	}
	// A fragment's header alone takes about 40 characters.
	if n > 0 && n < 64 {
		return 0, usagef("--%s %d is too small: fragments need room for their header (at least 64)", flag, n)
	}
	return n, nil
}

func fragmentSize(c *cli.Context) (int, error) {
	return parseFragmentSize(globalString(c, "fragment-size"))
}

// smpFragmentSize is --smp-fragment-size: SMP messages, the largest data
// messages, fragmented to a size of their own (0: as other messages).
func smpFragmentSize(c *cli.Context) (int, error) {
	return parseSize("smp-fragment-size", globalString(c, "smp-fragment-size"))
}

// heartbeatInterval is --heartbeat-interval for the library: "" keeps
// libotr's 60 s, 0 turns automatic heartbeats off.
func heartbeatInterval(c *cli.Context) (time.Duration, error) {
	s := globalString(c, "heartbeat-interval")
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if s == "0" {
		d, err = 0, nil
	}
	if err != nil || d < 0 {
		return 0, usagef("--heartbeat-interval %q: want a duration such as 60s or 5m, or 0 for none", s)
	}
	if d == 0 {
		return -1, nil
	}
	return d, nil
}
