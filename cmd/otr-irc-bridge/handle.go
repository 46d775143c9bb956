package main

import (
	"fmt"
	"strings"

	"github.com/otrtool/otr/internal/cliutil"
	"github.com/otrtool/otr/internal/irc"
)

// handleServer acts on one line from the server; an error ends the bridge.
func (b *ircBridge) handleServer(l serverLine) error {
	if l.tooLong {
		b.chatter("the server sent an over-long line (dropped)")
		return nil
	}
	m := irc.Parse(l.text)
	switch m.Command {
	case "PING":
		b.raw("PONG :" + m.Last())
	case "PRIVMSG":
		b.privmsg(m)
	case "NOTICE":
		b.notice(m)
	case "NICK":
		b.nickChange(m)
	case "ERROR":
		if b.quitting {
			return nil
		}
		return fmt.Errorf("%w (%s): %s", errIRCClosed, b.server, m.Last())
	case "KILL", "INVITE":
		b.chatter(fmt.Sprintf("%s from %s: %s", m.Command, m.Nick(), m.Last()))
	default:
		return b.numeric(m)
	}
	return nil
}

// numeric handles the server's numeric replies that matter to us.
func (b *ircBridge) numeric(m irc.Message) error {
	switch m.Command {
	case "001":
		return b.welcome(m)
	case "302":
		b.learnUserhost(m.Last())
	case "396":
		if at := strings.LastIndexByte(b.userhost, '@'); at >= 0 && m.Param(1) != "" {
			b.userhost = b.userhost[:at+1] + m.Param(1)
		}
	case "301":
		b.chatter(fmt.Sprintf("%s is away: %s", m.Param(1), m.Last()))
	case "432", "433", "436", "437":
		if !b.registered {
			return cliutil.WithHint(fmt.Errorf("%w: %s refused the nickname %q: %s", errIRCNickInUse, b.server, b.nick, m.Last()),
				"choose another NICK")
		}
		b.serverError(m)
	default:
		if len(m.Command) == 3 && (m.Command[0] == '4' || m.Command[0] == '5') {
			b.serverError(m)
		}
	}
	return nil
}

// welcome: registered under the nick the server confirms; ask how it
// shows us to others, and send what the user typed meanwhile.
func (b *ircBridge) welcome(m irc.Message) error {
	if m.Param(0) != "" {
		b.nick = m.Param(0)
	}
	b.registered = true
	b.chatter(fmt.Sprintf("connected to %s as %s, talking to %s", b.server, b.nick, b.peer))
	b.raw("USERHOST " + b.nick)
	pending := b.pending
	b.pending = nil
	for _, line := range pending {
		b.sendLine(line)
	}
	return nil
}

// learnUserhost reads a USERHOST reply "nick[*]=[+-]user@host ...".
func (b *ircBridge) learnUserhost(reply string) {
	for _, entry := range strings.Fields(reply) {
		nick, uh, ok := strings.Cut(entry, "=")
		if ok && irc.SameNick(strings.TrimSuffix(nick, "*"), b.nick) && len(uh) > 1 {
			b.userhost = uh[1:]
		}
	}
}

func (b *ircBridge) serverError(m irc.Message) {
	params := m.Params
	if len(params) > 0 {
		params = params[1:] // our own nick
	}
	b.chatter(fmt.Sprintf("server: %s (%s)", strings.Join(params, " "), m.Command))
}

// privmsg passes the peer's private messages on; anything else is chatter.
func (b *ircBridge) privmsg(m irc.Message) {
	from, text := m.Nick(), m.Last()
	if !irc.SameNick(from, b.peer) || !irc.SameNick(m.Param(0), b.nick) {
		b.chatter(fmt.Sprintf("message from %s to %s (not relayed): %.200s", from, m.Param(0), irc.StripFormatting(text)))
		return
	}
	if verb, arg, ok := irc.CTCP(text); ok {
		if verb != "ACTION" {
			b.chatter(fmt.Sprintf("ignored a CTCP %s request from %s", verb, from))
			return
		}
		text = "/me " + arg
	}
	if text = irc.StripFormatting(text); text == "" {
		return
	}
	if _, err := fmt.Fprintln(b.out, text); err != nil && b.outErr == nil {
		b.outErr = fmt.Errorf("passing %s's messages on (stdout): %w", b.peer, err)
	}
}

func (b *ircBridge) notice(m irc.Message) {
	if (!b.registered || b.quitting) && !strings.Contains(m.Prefix, "!") {
		return // the server's greeting (looking up your hostname, ...) or farewell
	}
	from := m.Nick()
	if from == "" {
		from = b.server
	}
	b.chatter(fmt.Sprintf("notice from %s: %s", from, irc.StripFormatting(m.Last())))
}

func (b *ircBridge) nickChange(m irc.Message) {
	switch {
	case irc.SameNick(m.Nick(), b.nick):
		b.nick = m.Last()
		b.chatter("we are now known as " + b.nick)
	case irc.SameNick(m.Nick(), b.peer):
		b.chatter(fmt.Sprintf("%s is now known as %s (this chat still talks to %s)", b.peer, m.Last(), b.peer))
	}
}

// handleUser sends one stdin line to the peer, or keeps it until the
// server has welcomed us.
func (b *ircBridge) handleUser(l serverLine) {
	switch {
	case l.tooLong:
		b.chatter("an over-long input line was not sent")
	case b.quitting:
	case !b.registered:
		b.pending = append(b.pending, l.text)
	default:
		b.sendLine(l.text)
	}
}

// sendLine sends text as one PRIVMSG if the line the peer receives,
// with the prefix the server puts in front, fits IRC's 512 bytes.
func (b *ircBridge) sendLine(text string) {
	if text == "" {
		return
	}
	if strings.ContainsAny(text, "\r\x00") {
		b.chatter("a line with a CR or NUL byte cannot go over IRC: not sent")
		return
	}
	if n, limit := len(text), b.maxText(); n > limit {
		b.chatter(fmt.Sprintf("a %d-byte line does not fit in one IRC message here (at most %d): not sent; use --fragment-size irc", n, limit))
		return
	}
	b.raw("PRIVMSG " + b.peer + " :" + text)
}

// maxText is the longest text whose delivered line,
// ":nick!user@host PRIVMSG peer :text\r\n", fits in 512 bytes.
func (b *ircBridge) maxText() int { return irc.MaxText(b.nick, b.peer, b.userhost) }

// chatter shows what the server says, escaped, on the log.
func (b *ircBridge) chatter(s string) {
	fmt.Fprintf(b.log, "irc: %s\n", cliutil.EscapeText(s))
}
