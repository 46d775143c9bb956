package smp

import (
	"io"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// TLV types of the SMP messages, named for this package; the values are
// the wire codec's (spec "TLV Types").
const (
	TypeMsg1  = wire.TLVSMP1
	TypeMsg2  = wire.TLVSMP2
	TypeMsg3  = wire.TLVSMP3
	TypeMsg4  = wire.TLVSMP4
	TypeAbort = wire.TLVSMPAbort
	TypeMsg1Q = wire.TLVSMP1Q
)

// State is one side's SMP state: plain exported data that round-trips
// exactly through encoding/json and TOML. The zero State expects message 1.
//
// Names follow the spec with "our"/"their" in place of a/b, since the same
// State plays Alice (initiator) or Bob (responder).
type State struct {
	// Expect is the spec's smpstate: the message expected next, 1..4
	// (0 counts as 1).
	Expect int `json:"expect,omitempty" toml:"expect,omitempty"`
	// Requested: the peer's message 1 was verified and we wait for Answer
	// (libotr stays in EXPECT1 meanwhile, and so do we).
	Requested bool `json:"requested,omitempty" toml:"requested,omitempty"`

	// Secret is our x (initiator) or y (responder).
	Secret Num `json:"secret,omitempty" toml:"secret,omitempty"`
	// X2, X3 are our exponents a2, a3 (or b2, b3).
	X2 Num `json:"x2,omitempty" toml:"x2,omitempty"`
	X3 Num `json:"x3,omitempty" toml:"x3,omitempty"`
	// TheirG2, TheirG3 are the peer's halves g2a, g3a (or g2b, g3b).
	TheirG2 Num `json:"their_g2,omitempty" toml:"their_g2,omitempty"`
	TheirG3 Num `json:"their_g3,omitempty" toml:"their_g3,omitempty"`
	// G2, G3 are the shared generators.
	G2 Num `json:"g2,omitempty" toml:"g2,omitempty"`
	G3 Num `json:"g3,omitempty" toml:"g3,omitempty"`
	// P, Q are the responder's Pb, Qb, kept until message 3.
	P Num `json:"p,omitempty" toml:"p,omitempty"`
	Q Num `json:"q,omitempty" toml:"q,omitempty"`
	// Pab, Qab are the initiator's Pa/Pb and Qa/Qb, kept until message 4.
	Pab Num `json:"pab,omitempty" toml:"pab,omitempty"`
	Qab Num `json:"qab,omitempty" toml:"qab,omitempty"`

	// Rand is the randomness source (nil: crypto/rand). It is not saved.
	Rand io.Reader `json:"-" toml:"-"`
}

// InProgress reports whether an exchange is running or awaits our answer.
func (s *State) InProgress() bool { return s.expect() != 1 || s.Requested }

// AwaitingAnswer reports whether the peer's request waits for Answer.
func (s *State) AwaitingAnswer() bool { return s.expect() == 1 && s.Requested }

// Abort forgets the exchange (spec "User requests to abort SMP"); the
// caller sends TLV 6.
func (s *State) Abort() { s.reset() }

func (s *State) expect() int {
	if s.Expect == 0 {
		return 1
	}
	return s.Expect
}

// reset returns to EXPECT1, dropping every secret but keeping Rand.
func (s *State) reset() { *s = State{Expect: 1, Rand: s.Rand} }
