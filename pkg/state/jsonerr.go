package state

import (
	"bytes"
	"encoding/json"
	"errors"
)

// DecodeJSON decodes data, a session in JSON read from path, into v. As
// with DecodeTOML, a failure is a *CorruptError with a position and a
// fixed category, quoting nothing of the input.
func DecodeJSON(path string, data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	fe := &FormatError{Category: CategoryValue}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		fe.Category = CategorySyntax
		fe.Line, fe.Col = lineCol(data, int(se.Offset))
	case errors.As(err, &te):
		fe.Category = CategoryType
		fe.Line, fe.Col = lineCol(data, int(te.Offset))
		fe.Key = knownJSONKey(te.Field)
	}
	return &CorruptError{Path: path, Err: fe}
}

// knownJSONKey keeps a field path only if it looks like the format's own
// (lower-case letters and underscores, dot-separated).
func knownJSONKey(field string) string {
	for _, c := range field {
		if !(c >= 'a' && c <= 'z' || c == '_' || c == '.') {
			return ""
		}
	}
	return field
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	if off < 0 || off > len(data) {
		return 0, 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1, column(data, off)
}

// IsUnknownKey reports whether err says a file has a key this program
// does not know (and nothing worse).
func IsUnknownKey(err error) bool {
	var fe *FormatError
	return errors.As(err, &fe) && fe.Category == CategoryUnknownKey
}
