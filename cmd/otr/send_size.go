package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
)

// errTooLargeToDeliver: the encoded message is longer than any receiver of
// this program accepts (otr.MaxReassembled, whole or reassembled).
var errTooLargeToDeliver = errors.New("message too large")

// checkDeliverable refuses wire lines that carry one encoded OTR message
// longer than otr.MaxReassembled: recv (ours, on the other side) rejects
// it, so sending it would spend a counter on a message never shown. The
// step then saves nothing and prints nothing. Plaintext lines are not
// OTR messages and are not bounded here.
func checkDeliverable(lines []string) error {
	size := 0
	for _, line := range lines {
		last := true
		switch {
		case otr.IsFragment(line):
			var piece string
			piece, last = fragmentPiece(line)
			size += len(piece)
		case strings.HasPrefix(line, "?OTR:"):
			size = len(line)
		default:
			continue
		}
		if size > otr.MaxReassembled {
			return withHint(fmt.Errorf("%w: its encoding exceeds %d characters, the most a receiver reassembles", errTooLargeToDeliver, otr.MaxReassembled),
				"nothing was sent or saved; split it into several messages (about %d KiB of text each at most)", otr.MaxReassembled*3/4>>10)
		}
		if last {
			size = 0
		}
	}
	return nil
}

// fragmentPiece is the piece of a fragment line ("?OTR,k,n,piece," in v2,
// "?OTR|s|r,k,n,piece," in v3) and whether it is the last one (k = n).
func fragmentPiece(line string) (piece string, last bool) {
	f := strings.SplitN(strings.TrimSuffix(line, ","), ",", 4)
	if len(f) != 4 {
		return "", true
	}
	return f[3], strings.TrimLeft(f[1], "0") == strings.TrimLeft(f[2], "0")
}
