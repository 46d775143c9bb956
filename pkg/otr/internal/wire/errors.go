package wire

import (
	"errors"
	"fmt"
)

// Sentinel errors; every decoding error wraps ErrMalformed, some also wrap a
// more specific sentinel. Use errors.Is.
var (
	ErrMalformed          = errors.New("wire: malformed OTR message")
	ErrUnsupportedVersion = errors.New("wire: unsupported OTR protocol version")
	ErrUnknownType        = errors.New("wire: unknown OTR message type")
	ErrTooLarge           = errors.New("wire: message too large")
)

// FieldError says which field of a message was wrong and where. It never
// contains field contents, so it is safe to log.
type FieldError struct {
	Field  string // name of the field being read, e.g. "encrypted message"
	Offset int    // byte (or character) offset where the field starts
	Reason string // what was wrong with it
	Err    error  // optional more specific sentinel, e.g. ErrUnsupportedVersion
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("wire: malformed %s at offset %d: %s", e.Field, e.Offset, e.Reason)
}

// Unwrap makes the error match ErrMalformed and, if set, e.Err.
func (e *FieldError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrMalformed, e.Err}
	}
	return []error{ErrMalformed}
}

func fieldErr(field string, offset int, reason string) *FieldError {
	return &FieldError{Field: field, Offset: offset, Reason: reason}
}
