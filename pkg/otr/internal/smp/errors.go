package smp

import "errors"

// Errors returned (wrapped, with the name of the bad value) by this package.
var (
	ErrInProgress  = errors.New("smp: an exchange is already in progress")
	ErrNoRequest   = errors.New("smp: no request to answer")
	ErrState       = errors.New("smp: message out of order")
	ErrMalformed   = errors.New("smp: wrong number of values")
	ErrRange       = errors.New("smp: value out of range")
	ErrProof       = errors.New("smp: zero-knowledge proof failed")
	ErrUnknownType = errors.New("smp: not an SMP TLV type")
)
