package irc

import (
	"strings"
)

// StripFormatting removes mIRC formatting codes (bold, colours, italics,
// underline, strike-through, monospace, reverse, reset) so that they never
// reach the terminal raw. Colour codes take their digits with them.
func StripFormatting(s string) string {
	if !strings.ContainsAny(s, "\x02\x03\x04\x0f\x11\x16\x1d\x1e\x1f") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x02, 0x0f, 0x11, 0x16, 0x1d, 0x1e, 0x1f:
		case 0x03:
			i += colourArgs(s[i+1:], isDigit, 2)
		case 0x04:
			i += colourArgs(s[i+1:], isHex, 6)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// colourArgs is the length of "FG[,BG]" after a colour code, each part at
// most n characters of the given kind.
func colourArgs(s string, kind func(byte) bool, n int) int {
	fg := runOf(s, kind, n)
	if fg == 0 || fg >= len(s) || s[fg] != ',' {
		return fg
	}
	if bg := runOf(s[fg+1:], kind, n); bg > 0 {
		return fg + 1 + bg
	}
	return fg
}

func runOf(s string, kind func(byte) bool, n int) int {
	i := 0
	for i < len(s) && i < n && kind(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// CTCP splits a CTCP request ("\x01VERB text\x01") into its verb and text;
// ok is false for ordinary text.
func CTCP(text string) (verb, arg string, ok bool) {
	if len(text) < 2 || text[0] != 0x01 {
		return "", "", false
	}
	body := strings.TrimSuffix(text[1:], "\x01")
	verb, arg, _ = strings.Cut(body, " ")
	return strings.ToUpper(verb), arg, true
}
