package otr

import "errors"

// Errors returned (possibly wrapped) by this package; use errors.Is.
var (
	ErrMalformed        = errors.New("otr: malformed message")
	ErrBadMAC           = errors.New("otr: message authentication failed")
	ErrReplay           = errors.New("otr: replayed or out-of-order counter")
	ErrUnknownKeyID     = errors.New("otr: message uses an unknown key id")
	ErrNotEncrypted     = errors.New("otr: no private conversation is established")
	ErrFinished         = errors.New("otr: the peer has ended the private conversation")
	ErrOtherInstance    = errors.New("otr: message addressed to another instance")
	ErrUnknownInstance  = errors.New("otr: message from an unknown instance of the peer")
	ErrBadSignature     = errors.New("otr: signature verification failed")
	ErrBadGroupElement  = errors.New("otr: group element out of range")
	ErrVersion          = errors.New("otr: protocol version not allowed by policy")
	ErrNoKey            = errors.New("otr: no private key configured")
	ErrSMPState         = errors.New("otr: SMP message out of order")
	ErrSMPInProgress    = errors.New("otr: SMP already in progress")
	ErrNoSMPRequest     = errors.New("otr: no SMP request to answer")
	ErrRequireEncrypted = errors.New("otr: policy requires encryption")
	ErrFragment         = errors.New("otr: bad fragment")
	ErrTooLarge         = errors.New("otr: message too large")
)
