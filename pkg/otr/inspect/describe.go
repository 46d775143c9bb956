package inspect

import (
	"errors"
	"fmt"
	"strings"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// describeText describes a line without any state.
func describeText(line string) Message {
	switch wire.Classify(line) {
	case wire.KindError:
		text, _ := wire.ParseError(line)
		return Message{Kind: KindError, Text: text}
	case wire.KindQuery:
		return describeQuery(line)
	case wire.KindTaggedPlaintext:
		v2, v3, stripped, _ := wire.FindWhitespaceTag(line)
		return Message{Kind: KindTaggedPlaintext, Text: stripped, Versions: versions(v2, v3)}
	case wire.KindFragment:
		return describeFragment(line)
	case wire.KindEncoded:
		return describeEncoded(line)
	case wire.KindUnknown:
		return Message{Kind: KindUnknown, Text: line}
	}
	return Message{Kind: KindPlaintext, Text: line}
}

func describeQuery(line string) Message {
	v2, v3, _ := wire.ParseQuery(line)
	m := Message{Kind: KindQuery, Text: line, Versions: versions(v2, v3)}
	if at := strings.Index(line, "?OTR?"); at >= 0 && at == strings.Index(line, "?OTR") {
		m.Versions = append([]int{1}, m.Versions...) // "?OTR?" offers the obsolete v1
	}
	return m
}

func versions(v2, v3 bool) []int {
	var vs []int
	if v2 {
		vs = append(vs, 2)
	}
	if v3 {
		vs = append(vs, 3)
	}
	return vs
}

func describeFragment(line string) Message {
	f, err := wire.ParseFragment(line)
	if err != nil {
		return Message{Kind: KindFragment, Text: line, Problem: problemOf(err, InLine)}
	}
	fr := &Fragment{Version: f.Version, K: f.K, N: f.N, Piece: f.Piece}
	if f.Version == 3 {
		fr.SenderTag, fr.ReceiverTag = ptr(f.SenderTag), ptr(f.ReceiverTag)
	}
	return Message{Kind: KindFragment, Fragment: fr}
}

func ptr(v uint32) *uint32 { return &v }

// problemOf turns a wire error into a Problem; errors without a field
// (none are expected) keep their text.
func problemOf(err error, in string) *Problem {
	var fe *wire.FieldError
	if errors.As(err, &fe) {
		return &Problem{Field: fe.Field, Offset: fe.Offset, In: in, Reason: fe.Reason}
	}
	return &Problem{Field: "message", In: in, Reason: err.Error()}
}

// String is a one-line description of the problem.
func (p *Problem) String() string {
	where := "character"
	if p.In == InMessage {
		where = "byte"
	}
	return fmt.Sprintf("%s at %s %d: %s", p.Field, where, p.Offset, p.Reason)
}
