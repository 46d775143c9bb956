package wire

import "fmt"

// MaxMessageSize bounds an encoded message and a reassembled one (in
// characters). A fragment that would grow the buffer beyond it is refused:
// libotr's CVE-2016-2851 was an overflow while reassembling a huge
// message. 256 KiB of base64 is 192 KiB of message, more than IM networks
// carry; it also bounds the copying of reassembly (each piece copies the
// buffer, since the buffer is saved state) and the state file's size.
const MaxMessageSize = 256 << 10

// Assembler reassembles fragments following the spec's rules, with K, N
// and F stored in K, N and Buffer. Fields are exported so the state can be
// saved between runs. The zero value is ready to use. Instance tags are
// not checked here: the caller drops fragments addressed elsewhere first.
type Assembler struct {
	K, N   uint16
	Buffer string
}

// Reset forgets any stored fragment. Call it when a non-OTR or an
// unfragmented message arrives, as the spec says.
func (a *Assembler) Reset() { *a = Assembler{} }

// Add takes one fragment. It returns the whole message once the last piece
// is in. An illegal fragment (k or n of 0, k > n) is an error and leaves the
// state alone; a fragment out of sequence silently forgets the stored one;
// one that would exceed MaxMessageSize resets and wraps ErrTooLarge.
func (a *Assembler) Add(f Fragment) (msg string, complete bool, err error) {
	if f.K == 0 || f.N == 0 || f.K > f.N {
		return "", false, fieldErr("fragment", 0, fmt.Sprintf("illegal k=%d n=%d", f.K, f.N))
	}
	switch {
	case f.K == 1:
		a.Reset()
		err = a.store(f)
	case f.N == a.N && f.K == a.K+1:
		err = a.store(f)
	default:
		a.Reset()
	}
	if err != nil {
		return "", false, err
	}
	return a.take()
}

// store appends the piece and records (k, n), within the size bound.
func (a *Assembler) store(f Fragment) error {
	if len(f.Piece) > MaxMessageSize-len(a.Buffer) {
		a.Reset()
		return fmt.Errorf("wire: reassembled message would exceed %d characters: %w", MaxMessageSize, ErrTooLarge)
	}
	a.Buffer += f.Piece
	a.K, a.N = f.K, f.N
	return nil
}

// take returns and forgets the message once K == N > 0.
func (a *Assembler) take() (string, bool, error) {
	if a.N == 0 || a.K != a.N {
		return "", false, nil
	}
	msg := a.Buffer
	a.Reset()
	return msg, true, nil
}
