package wire

import "strings"

// Kind is what sort of OTR line a received message is.
type Kind int

// Kinds of lines, as libotr 4.1.1 tells them apart (see the package doc).
const (
	KindPlaintext       Kind = iota // no OTR marker at all
	KindTaggedPlaintext             // plaintext carrying a whitespace tag
	KindQuery                       // "?OTR?" or "?OTRv..."
	KindError                       // starts with "?OTR Error:"
	KindEncoded                     // "?OTR:" with a v2/v3 AKE or data message
	KindFragment                    // contains "?OTR|" or "?OTR,"
	KindUnknown                     // contains "?OTR" but no form we know (libotr: "unrecognized")
)

var kindNames = [...]string{"plaintext", "tagged plaintext", "query", "error", "encoded", "fragment", "unknown"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid kind"
}

// Classify tells what kind of line this is. It only looks at markers; the
// line may still fail to parse as that kind.
func Classify(line string) Kind {
	if strings.HasPrefix(line, errorPrefix) {
		return KindError
	}
	at := strings.Index(line, otrMarker)
	if at < 0 {
		return plainKind(line)
	}
	if hasFragmentMarker(line, at) {
		return KindFragment
	}
	return markerKind(line, line[at:])
}

const otrMarker = "?OTR"

// hasFragmentMarker reports whether line, whose first "?OTR" is at at,
// contains "?OTR|" or "?OTR,": in one pass over the line when no other
// "?" follows (an encoded message has none), not three.
func hasFragmentMarker(line string, at int) bool {
	if rest := line[at+len(otrMarker):]; rest != "" && (rest[0] == '|' || rest[0] == ',') {
		return true
	}
	if strings.IndexByte(line[at+1:], '?') < 0 {
		return false
	}
	return strings.Contains(line, fragmentV3Marker) || strings.Contains(line, fragmentV2Marker)
}

func plainKind(line string) Kind {
	if strings.Contains(line, whitespaceBase) {
		return KindTaggedPlaintext
	}
	return KindPlaintext
}

// markerKind looks at the first "?OTR" only, as libotr does.
func markerKind(line, tag string) Kind {
	switch {
	case isEncodedV23(tag):
		return KindEncoded
	case strings.HasPrefix(tag, "?OTR?"), strings.HasPrefix(tag, "?OTRv"):
		return KindQuery
	case strings.HasPrefix(tag, errorPrefix):
		// libotr takes "?OTR Error:" anywhere; we only at the start, so a
		// quoted or forged error inside chat text is just text.
		return plainKind(line)
	}
	return KindUnknown
}

// isEncodedV23 matches libotr's header check: version 3 ("AAM") or 2
// ("AAI") and a known type letter (base64 of the type byte's top bits).
func isEncodedV23(tag string) bool {
	if len(tag) < 9 || !(strings.HasPrefix(tag, "?OTR:AAM") || strings.HasPrefix(tag, "?OTR:AAI")) {
		return false
	}
	return strings.IndexByte("CKRSD", tag[8]) >= 0
}
