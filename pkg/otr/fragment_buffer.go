package otr

import (
	"fmt"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// FragmentBuffer holds the fragment being reassembled (the spec's K, N and
// F) for AddFragment. Receive keeps it in State.Fragments; a caller that
// saves State after every line can keep the pieces elsewhere, in an
// append-only file for instance, so that a message of n pieces costs
// O(n) bytes written instead of rewriting the growing buffer n times.
type FragmentBuffer interface {
	// Progress is the stored fragment's k and n (0 and 0 when there is
	// none) and the total length of its pieces.
	Progress() (k, n uint16, size int, err error)
	// Append stores piece k of n after the pieces stored.
	Append(k, n uint16, piece string) error
	// Contents returns the stored pieces, concatenated.
	Contents() (string, error)
	// Reset forgets the stored fragment.
	Reset() error
}

// reassemble applies the spec's rules to one parsed fragment. The last
// piece is not stored: the message is returned, and buf keeps the pieces
// before it until the caller resets it.
func reassemble(buf FragmentBuffer, f wire.Fragment) (string, bool, error) {
	k, n, size, err := buf.Progress()
	if err != nil {
		return "", false, err
	}
	switch {
	case f.K == 1:
		k, n, size = 0, 0, 0
		if err := buf.Reset(); err != nil {
			return "", false, err
		}
	case f.N != n || f.K != k+1:
		// Out of sequence: forget the stored fragment, drop this piece.
		return "", false, buf.Reset()
	}
	if len(f.Piece) > MaxReassembled-size {
		if err := buf.Reset(); err != nil {
			return "", false, err
		}
		return "", false, fmt.Errorf("%w: reassembled message would exceed %d characters: %w", ErrFragment, MaxReassembled, ErrTooLarge)
	}
	if f.K < f.N {
		return "", false, buf.Append(f.K, f.N, f.Piece)
	}
	msg := f.Piece
	if size > 0 {
		stored, err := buf.Contents()
		if err != nil {
			return "", false, err
		}
		msg = stored + msg
	}
	return msg, true, nil
}

// stateBuffer keeps the fragment in State.Fragments.
type stateBuffer struct{ s *FragmentState }

func (b *stateBuffer) Progress() (uint16, uint16, int, error) {
	return b.s.K, b.s.N, len(b.s.Buffer), nil
}

func (b *stateBuffer) Append(k, n uint16, piece string) error {
	b.s.K, b.s.N, b.s.Buffer = k, n, b.s.Buffer+piece
	return nil
}

func (b *stateBuffer) Contents() (string, error) { return b.s.Buffer, nil }

func (b *stateBuffer) Reset() error {
	*b.s = FragmentState{}
	return nil
}
