package wire

import "strings"

// The whitespace tag: a 16-character base and one 8-character tag per version.
const (
	whitespaceBase = " \t  \t\t\t\t \t \t \t  "
	whitespaceV1   = " \t \t  \t "
	whitespaceV2   = "  \t\t  \t "
	whitespaceV3   = "  \t\t  \t\t"
)

// WhitespaceTag returns the tag offering the given versions (the bare base
// tag if neither, which the spec does not allow but costs nothing to make).
func WhitespaceTag(v2, v3 bool) string {
	tag := whitespaceBase
	if v2 {
		tag += whitespaceV2
	}
	if v3 {
		tag += whitespaceV3
	}
	return tag
}

// FindWhitespaceTag finds the first whitespace tag in line and removes it
// with every 8-character group of spaces and tabs that follows it, as libotr
// does (so unknown version tags, and v1's, are stripped too).
func FindWhitespaceTag(line string) (v2, v3 bool, stripped string, found bool) {
	start := strings.Index(line, whitespaceBase)
	if start < 0 {
		return false, false, line, false
	}
	end := start + len(whitespaceBase)
	for end+8 <= len(line) && isSpaceOrTab(line[end:end+8]) {
		switch line[end : end+8] {
		case whitespaceV2:
			v2 = true
		case whitespaceV3:
			v3 = true
		}
		end += 8
	}
	return v2, v3, line[:start] + line[end:], true
}

func isSpaceOrTab(s string) bool {
	return strings.Trim(s, " \t") == ""
}
