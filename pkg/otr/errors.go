package otr

import (
	"errors"

	"github.com/otrtool/otr/pkg/otr/internal/smp"
)

// Errors returned (possibly wrapped) by this package, and carried by error
// events in Event.Err; use errors.Is.
var (
	ErrMalformed       = errors.New("otr: malformed message")
	ErrBadMAC          = errors.New("otr: message authentication failed")
	ErrReplay          = errors.New("otr: replayed or out-of-order counter")
	ErrUnknownKeyID    = errors.New("otr: message uses an unknown key id")
	ErrNotEncrypted    = errors.New("otr: no private conversation is established")
	ErrFinished        = errors.New("otr: the peer has ended the private conversation")
	ErrUnknownInstance = errors.New("otr: message from an unknown instance of the peer")
	ErrBadSignature    = errors.New("otr: signature verification failed")
	ErrBadGroupElement = errors.New("otr: group element out of range")
	ErrVersion         = errors.New("otr: protocol version not allowed by policy")
	ErrNoKey           = errors.New("otr: no private key configured")
	ErrNoSMPRequest    = errors.New("otr: no SMP request to answer")
	ErrFragment        = errors.New("otr: bad fragment")
	ErrTooLarge        = errors.New("otr: message too large")
	// ErrNUL is returned for a message or SMP question containing a NUL
	// byte: inside a data message a NUL ends the text (TLVs follow), so the
	// peer would read garbage.
	ErrNUL = errors.New("otr: text contains a NUL byte")
)

// Why an SMP exchange was aborted, in the error event that comes with
// EventSMPAborted: a message out of order, a value out of range, or a
// zero-knowledge proof that failed (the peer cheated or is broken).
var (
	ErrSMPState = smp.ErrState
	ErrSMPRange = smp.ErrRange
	ErrSMPProof = smp.ErrProof
)
