package inspect

import "errors"

// Errors of the key and forging tools; use errors.Is.
var (
	// ErrBadPublicKey: a D-H public value outside 2..p-2.
	ErrBadPublicKey = errors.New("inspect: D-H public value out of range (must be 2..p-2)")
	// ErrBadKey: a key of the wrong length or not hex.
	ErrBadKey = errors.New("inspect: bad key")
	// ErrNotData: the line holds no (well-formed) data message.
	ErrNotData = errors.New("inspect: not an OTR data message")
	// ErrMACMismatch: the message's MAC does not verify with the key given.
	ErrMACMismatch = errors.New("inspect: MAC does not verify")
	// ErrText: a replacement text that does not fit.
	ErrText = errors.New("inspect: replacement text does not fit")
)
