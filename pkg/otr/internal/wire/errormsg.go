package wire

import "strings"

// errorPrefix marks an OTR error message; libotr sends errorPrefix + " " + text.
const errorPrefix = "?OTR Error:"

// ErrorMessage returns the line that reports text to the peer, formatted as
// libotr 4.1.1 does ("?OTR Error: " then the text).
func ErrorMessage(text string) string { return errorPrefix + " " + text }

// ParseError returns the text of an error message. Only a line that starts
// with "?OTR Error:" counts (libotr accepts it anywhere; see the package
// doc). One space after the colon is removed.
func ParseError(line string) (text string, ok bool) {
	rest, ok := strings.CutPrefix(line, errorPrefix)
	if !ok {
		return "", false
	}
	return strings.TrimPrefix(rest, " "), true
}
