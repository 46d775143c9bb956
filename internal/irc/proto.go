// Package irc is the little of IRC that otr needs: reading the server's
// lines, nicknames, formatting codes, CTCP, and how long a private
// message may be. It does no networking (cmd/otr-irc-bridge does).
package irc

import (
	"strings"
)

// MaxLine is IRC's limit on one line, CR LF included (RFC 2812 2.3).
const MaxLine = 512

// WorstUserhost is the longest "user@host" a server shows for us before
// we know ours: USERLEN 10 plus an ident "~", and HOSTLEN 63.
const WorstUserhost = 11 + 1 + 63

// MaxText is the longest text whose delivered line,
// ":nick!user@host PRIVMSG peer :text\r\n", fits in MaxLine bytes;
// userhost "" stands for the longest one (WorstUserhost).
func MaxText(nick, peer, userhost string) int {
	uh := len(userhost)
	if uh == 0 {
		uh = WorstUserhost
	}
	prefix := 1 + len(nick) + 1 + uh + len(" PRIVMSG ") + len(peer) + len(" :")
	return MaxLine - 2 - prefix
}

// Message is one line from an IRC server: [@tags] [:prefix] COMMAND params.
type Message struct {
	Prefix  string
	Command string
	Params  []string
}

// Parse reads one line (without CR LF). IRCv3 tags are dropped. It never
// fails: a line with no command gives an empty command.
func Parse(line string) Message {
	var m Message
	line = strings.TrimLeft(line, " ")
	if strings.HasPrefix(line, "@") {
		_, line, _ = strings.Cut(line, " ")
		line = strings.TrimLeft(line, " ")
	}
	if strings.HasPrefix(line, ":") {
		m.Prefix, line, _ = strings.Cut(line[1:], " ")
	}
	line = strings.TrimLeft(line, " ")
	m.Command, line, _ = strings.Cut(line, " ")
	m.Command = strings.ToUpper(m.Command)
	for line != "" {
		line = strings.TrimLeft(line, " ")
		if strings.HasPrefix(line, ":") {
			m.Params = append(m.Params, line[1:])
			break
		}
		var p string
		p, line, _ = strings.Cut(line, " ")
		if p != "" {
			m.Params = append(m.Params, p)
		}
	}
	return m
}

// Param is the i-th parameter, or "".
func (m Message) Param(i int) string {
	if i < len(m.Params) {
		return m.Params[i]
	}
	return ""
}

// Last is the last parameter (the text of most replies), or "".
func (m Message) Last() string {
	if len(m.Params) == 0 {
		return ""
	}
	return m.Params[len(m.Params)-1]
}

// Nick is the nickname part of the prefix (nick!user@host).
func (m Message) Nick() string {
	n, _, _ := strings.Cut(m.Prefix, "!")
	n, _, _ = strings.Cut(n, "@")
	return n
}

// Fold lower-cases a nickname as RFC 1459 casemapping does ([]\~ are
// the upper case of {}|^), so that "Bob[1]" and "bob{1}" are one nick.
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r == '[':
			return '{'
		case r == ']':
			return '}'
		case r == '\\':
			return '|'
		case r == '~':
			return '^'
		}
		return r
	}, s)
}

func SameNick(a, b string) bool { return Fold(a) == Fold(b) }

// ValidNick is a loose check of what a server may accept as a nickname:
// nothing that would break the line we send it in.
func ValidNick(s string) bool {
	return s != "" && !strings.ContainsAny(s, " ,*?!@:\r\n\x00") && s[0] != '#' && s[0] != '&' && s[0] != '$'
}
