package wire

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unsafe"
)

const (
	encodedPrefix = "?OTR:"
	encodedSuffix = "."
)

// EncodeMessage wraps a binary message for the IM network: "?OTR:" base64 ".".
// The line is built in one allocation of exactly its size.
func EncodeMessage(bin []byte) string {
	b := make([]byte, 0, len(encodedPrefix)+base64.StdEncoding.EncodedLen(len(bin))+len(encodedSuffix))
	b = append(b, encodedPrefix...)
	b = appendBase64(b, bin)
	b = append(b, encodedSuffix...)
	// b is never written again: the string may share its memory.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// DecodeMessage extracts the binary message from a line holding an encoded
// message. Like libotr it takes the first "?OTR:" in the line and ends at
// the first "." after it, ignoring text before and after; unlike libotr
// (which skips any non-base64 character) only whitespace is skipped inside
// the base64, anything else is an error.
func DecodeMessage(s string) ([]byte, error) {
	start := strings.Index(s, encodedPrefix)
	if start < 0 {
		return nil, fieldErr("encoded message", 0, `no "?OTR:" prefix`)
	}
	body := s[start+len(encodedPrefix):]
	end := strings.Index(body, encodedSuffix)
	if end < 0 {
		return nil, fieldErr("encoded message", start, `no closing "."`)
	}
	if end > MaxMessageSize {
		return nil, &FieldError{Field: "encoded message", Offset: start,
			Reason: fmt.Sprintf("more than %d characters", MaxMessageSize), Err: ErrTooLarge}
	}
	bin, err := base64.StdEncoding.DecodeString(stripSpace(body[:end]))
	if err != nil {
		return nil, fieldErr("base64", start+len(encodedPrefix), err.Error())
	}
	return bin, nil
}

// AppendDecodeMessage is DecodeMessage appending the binary message to
// dst, so that a caller can reuse one buffer for every message.
func AppendDecodeMessage(dst []byte, s string) ([]byte, error) {
	start := strings.Index(s, encodedPrefix)
	if start < 0 {
		return dst, fieldErr("encoded message", 0, `no "?OTR:" prefix`)
	}
	body := s[start+len(encodedPrefix):]
	end := strings.Index(body, encodedSuffix)
	if end >= 0 && end <= MaxMessageSize {
		// appendDecodeBase64 only reads its input: view the string's bytes
		// in place. It skips CR and LF, as stripSpace does.
		if out, err := appendDecodeBase64(dst, unsafe.Slice(unsafe.StringData(body), end)); err == nil {
			return out, nil
		}
	}
	// Spaces, tabs and every error: the general path, with its exact errors.
	bin, err := DecodeMessage(s)
	return append(dst, bin...), err
}

// stripSpace removes the whitespace some networks insert into long lines.
func stripSpace(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}
