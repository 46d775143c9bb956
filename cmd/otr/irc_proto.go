package main

import (
	"strings"
)

// ircMaxLine is IRC's limit on one line, CR LF included (RFC 2812 2.3).
const ircMaxLine = 512

// ircMessage is one line from an IRC server: [@tags] [:prefix] COMMAND params.
type ircMessage struct {
	prefix  string
	command string
	params  []string
}

// parseIRC reads one line (without CR LF). IRCv3 tags are dropped. It never
// fails: a line with no command gives an empty command.
func parseIRC(line string) ircMessage {
	var m ircMessage
	line = strings.TrimLeft(line, " ")
	if strings.HasPrefix(line, "@") {
		_, line, _ = strings.Cut(line, " ")
		line = strings.TrimLeft(line, " ")
	}
	if strings.HasPrefix(line, ":") {
		m.prefix, line, _ = strings.Cut(line[1:], " ")
	}
	line = strings.TrimLeft(line, " ")
	m.command, line, _ = strings.Cut(line, " ")
	m.command = strings.ToUpper(m.command)
	for line != "" {
		line = strings.TrimLeft(line, " ")
		if strings.HasPrefix(line, ":") {
			m.params = append(m.params, line[1:])
			break
		}
		var p string
		p, line, _ = strings.Cut(line, " ")
		if p != "" {
			m.params = append(m.params, p)
		}
	}
	return m
}

// param is the i-th parameter, or "".
func (m ircMessage) param(i int) string {
	if i < len(m.params) {
		return m.params[i]
	}
	return ""
}

// last is the last parameter (the text of most replies), or "".
func (m ircMessage) last() string {
	if len(m.params) == 0 {
		return ""
	}
	return m.params[len(m.params)-1]
}

// nick is the nickname part of the prefix (nick!user@host).
func (m ircMessage) nick() string {
	n, _, _ := strings.Cut(m.prefix, "!")
	n, _, _ = strings.Cut(n, "@")
	return n
}

// ircFold lower-cases a nickname as RFC 1459 casemapping does ([]\~ are
// the upper case of {}|^), so that "Bob[1]" and "bob{1}" are one nick.
func ircFold(s string) string {
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

func sameNick(a, b string) bool { return ircFold(a) == ircFold(b) }

// validNick is a loose check of what a server may accept as a nickname:
// nothing that would break the line we send it in.
func validNick(s string) bool {
	return s != "" && !strings.ContainsAny(s, " ,*?!@:\r\n\x00") && s[0] != '#' && s[0] != '&' && s[0] != '$'
}
