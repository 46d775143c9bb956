package wire

import "strings"

// QueryMessage returns the query string offering the given versions:
// "?OTRv23?", "?OTRv2?", "?OTRv3?" (or the spec's odd "?OTRv?" for none).
func QueryMessage(v2, v3 bool) string {
	s := "?OTRv"
	if v2 {
		s += "2"
	}
	if v3 {
		s += "3"
	}
	return s + "?"
}

// ParseQuery reads the versions offered by a query message, as libotr does:
// the first "?OTR" in the line counts; "?" right after it offers v1
// (ignored here, v1 is obsolete); then "v" followed by version characters up
// to the next "?" or, if there is none, to the end of the line. Unknown
// version characters are ignored. ok is false when that first "?OTR" is not
// followed by "?" or "v".
func ParseQuery(line string) (v2, v3, ok bool) {
	at := strings.Index(line, otrMarker)
	if at < 0 {
		return false, false, false
	}
	rest := line[at+len(otrMarker):]
	if strings.HasPrefix(rest, "?") {
		ok = true
		rest = rest[1:]
	}
	if !strings.HasPrefix(rest, "v") {
		return false, false, ok
	}
	versions, _, _ := strings.Cut(rest[1:], "?")
	return strings.Contains(versions, "2"), strings.Contains(versions, "3"), true
}
