package wire

import (
	"fmt"
	"strings"
)

// Header lengths of libotr-formatted fragments (tags %08x, k and n %05hu).
const (
	fragmentHeaderV3 = len("?OTR|01234567|01234567,00001,00002,,")
	fragmentHeaderV2 = len("?OTR,00001,00002,,")
)

// Fragmentize splits msg into fragment lines of at most maxSize characters
// each, header included. A msg that already fits (or maxSize <= 0, meaning
// no limit, like libotr's 0) comes back unchanged as the only line.
// libotr computes its piece size as maxSize-37 (v3) or -19 (v2), one less
// than needed, so its lines are maxSize-1 long; ours use the full maxSize.
func Fragmentize(msg string, version int, senderTag, receiverTag uint32, maxSize int) ([]string, error) {
	if maxSize <= 0 || len(msg) <= maxSize {
		return []string{msg}, nil
	}
	room, err := pieceRoom(version, maxSize)
	if err != nil {
		return nil, err
	}
	if err := checkFragmentable(msg, version); err != nil {
		return nil, err
	}
	n := (len(msg) + room - 1) / room
	if n > maxFragmentCount {
		return nil, fmt.Errorf("wire: message needs %d fragments, more than %d: %w", n, maxFragmentCount, ErrTooLarge)
	}
	return buildFragments(msg, version, senderTag, receiverTag, room, n), nil
}

func pieceRoom(version, maxSize int) (int, error) {
	header := fragmentHeaderV2
	switch version {
	case 3:
		header = fragmentHeaderV3
	case 2:
	default:
		return 0, fmt.Errorf("wire: cannot fragment for protocol version %d", version)
	}
	if maxSize <= header {
		return 0, fmt.Errorf("wire: maximum message size %d leaves no room after the %d-character fragment header", maxSize, header)
	}
	return maxSize - header, nil
}

func buildFragments(msg string, version int, senderTag, receiverTag uint32, room, n int) []string {
	lines := make([]string, 0, n)
	for k := 1; k <= n; k++ {
		piece := msg[(k-1)*room : min(k*room, len(msg))]
		f := Fragment{Version: version, SenderTag: senderTag, ReceiverTag: receiverTag,
			K: uint16(k), N: uint16(n), Piece: piece}
		lines = append(lines, f.String())
	}
	return lines
}

// checkFragmentable refuses messages whose fragments the receiver would
// misparse: a comma ends a piece early, and in v2 a "?OTR|" inside a piece
// would be taken for a v3 header (libotr looks for "?OTR|" first).
// Encoded messages ("?OTR:" base64 ".") never contain either.
func checkFragmentable(msg string, version int) error {
	if strings.Contains(msg, ",") {
		return fmt.Errorf("wire: cannot fragment a message containing a comma: the receiver could not reassemble it")
	}
	if version == 2 && strings.Contains(msg, fragmentV3Marker) {
		return fmt.Errorf("wire: cannot fragment a message containing %q as v2", fragmentV3Marker)
	}
	return nil
}
