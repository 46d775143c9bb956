package cliutil

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EscapeText makes text safe to print as (part of) one display line:
// control characters, line and paragraph separators and bidi overrides
// are escaped, and so is the backslash, so that the escaping is
// unambiguous and a newline in a message can never fake another line.
func EscapeText(s string) string { return escape(s, true, false) }

// EscapeUnsafe is EscapeText without escaping the backslash: safe for the
// terminal, for text whose quoted parts were escaped already.
func EscapeUnsafe(s string) string { return escape(s, false, false) }

// EscapeReport is EscapeUnsafe for a multi-line report: newlines and tabs
// stay as they are, everything else that could drive a terminal is
// escaped.
func EscapeReport(s string) string { return escape(s, false, true) }

func escape(s string, backslash, layout bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\' && backslash:
			b.WriteString(`\\`)
		case layout && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case UnsafeRune(r):
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// UnsafeRune is a rune never printed raw: a control character, a line or
// paragraph separator, a bidi override or mark.
func UnsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == 0x2028 || r == 0x2029 ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f
}
