package main

import (
	"fmt"
	"strings"
)

// worstUserhost is the longest "user@host" a server shows for us before
// we know ours: USERLEN 10 plus an ident "~", and HOSTLEN 63.
const worstUserhost = 11 + 1 + 63

// handleServer acts on one line from the server; an error ends the bridge.
func (b *ircBridge) handleServer(l serverLine) error {
	if l.tooLong {
		b.chatter("the server sent an over-long line (dropped)")
		return nil
	}
	m := parseIRC(l.text)
	switch m.command {
	case "PING":
		b.raw("PONG :" + m.last())
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
		return fmt.Errorf("%w (%s): %s", errIRCClosed, b.server, m.last())
	case "KILL", "INVITE":
		b.chatter(fmt.Sprintf("%s from %s: %s", m.command, m.nick(), m.last()))
	default:
		return b.numeric(m)
	}
	return nil
}

// numeric handles the server's numeric replies that matter to us.
func (b *ircBridge) numeric(m ircMessage) error {
	switch m.command {
	case "001":
		return b.welcome(m)
	case "302":
		b.learnUserhost(m.last())
	case "396":
		if at := strings.LastIndexByte(b.userhost, '@'); at >= 0 && m.param(1) != "" {
			b.userhost = b.userhost[:at+1] + m.param(1)
		}
	case "301":
		b.chatter(fmt.Sprintf("%s is away: %s", m.param(1), m.last()))
	case "432", "433", "436", "437":
		if !b.registered {
			return withHint(fmt.Errorf("%w: %s refused the nickname %q: %s", errIRCNickInUse, b.server, b.nick, m.last()),
				"choose another NICK")
		}
		b.serverError(m)
	default:
		if len(m.command) == 3 && (m.command[0] == '4' || m.command[0] == '5') {
			b.serverError(m)
		}
	}
	return nil
}

// welcome: registered under the nick the server confirms; ask how it
// shows us to others, and send what the user typed meanwhile.
func (b *ircBridge) welcome(m ircMessage) error {
	if m.param(0) != "" {
		b.nick = m.param(0)
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
		if ok && sameNick(strings.TrimSuffix(nick, "*"), b.nick) && len(uh) > 1 {
			b.userhost = uh[1:]
		}
	}
}

func (b *ircBridge) serverError(m ircMessage) {
	params := m.params
	if len(params) > 0 {
		params = params[1:] // our own nick
	}
	b.chatter(fmt.Sprintf("server: %s (%s)", strings.Join(params, " "), m.command))
}

// privmsg passes the peer's private messages on; anything else is chatter.
func (b *ircBridge) privmsg(m ircMessage) {
	from, text := m.nick(), m.last()
	if !sameNick(from, b.peer) || !sameNick(m.param(0), b.nick) {
		b.chatter(fmt.Sprintf("message from %s to %s (not relayed): %.200s", from, m.param(0), stripIRCFormatting(text)))
		return
	}
	if verb, arg, ok := ctcp(text); ok {
		if verb != "ACTION" {
			b.chatter(fmt.Sprintf("ignored a CTCP %s request from %s", verb, from))
			return
		}
		text = "/me " + arg
	}
	if text = stripIRCFormatting(text); text == "" {
		return
	}
	if _, err := fmt.Fprintln(b.out, text); err != nil && b.outErr == nil {
		b.outErr = fmt.Errorf("passing %s's messages on (stdout): %w", b.peer, err)
	}
}

func (b *ircBridge) notice(m ircMessage) {
	if (!b.registered || b.quitting) && !strings.Contains(m.prefix, "!") {
		return // the server's greeting (looking up your hostname, ...) or farewell
	}
	from := m.nick()
	if from == "" {
		from = b.server
	}
	b.chatter(fmt.Sprintf("notice from %s: %s", from, stripIRCFormatting(m.last())))
}

func (b *ircBridge) nickChange(m ircMessage) {
	switch {
	case sameNick(m.nick(), b.nick):
		b.nick = m.last()
		b.chatter("we are now known as " + b.nick)
	case sameNick(m.nick(), b.peer):
		b.chatter(fmt.Sprintf("%s is now known as %s (this chat still talks to %s)", b.peer, m.last(), b.peer))
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
func (b *ircBridge) maxText() int {
	uh := len(b.userhost)
	if uh == 0 {
		uh = worstUserhost
	}
	prefix := 1 + len(b.nick) + 1 + uh + len(" PRIVMSG ") + len(b.peer) + len(" :")
	return ircMaxLine - 2 - prefix
}

// chatter shows what the server says, escaped, on the log.
func (b *ircBridge) chatter(s string) {
	fmt.Fprintf(b.log, "irc: %s\n", escapeText(s))
}
