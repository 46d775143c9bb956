package state

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// FormatError says where and how a state file is malformed: a line, a
// column and a fixed category, and the key when it is one this program
// writes. It never holds a byte of the file's values: state files hold
// private keys, and errors end up on terminals, in logs and in bug reports.
type FormatError struct {
	Line, Col int    // 1-based; 0 when unknown
	Category  string // one of the Category* constants
	Key       string // a dotted key of the format, or ""
}

// The categories of FormatError.
const (
	CategorySyntax     = "not valid TOML"
	CategoryType       = "a value of the wrong type"
	CategoryRange      = "a number out of range"
	CategoryHex        = "a value that is not hex"
	CategoryValue      = "an invalid value"
	CategoryUnknownKey = "an unknown key"
)

func (e *FormatError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d, ", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, "column %d, ", e.Col)
		}
	}
	b.WriteString(e.Category)
	if e.Key != "" {
		fmt.Fprintf(&b, " (key %s)", e.Key)
	}
	return b.String()
}

// DecodeTOML decodes data, the content of the state file path, into v.
// Every failure is a *CorruptError wrapping a *FormatError: nothing of the
// decoder's message (which quotes the input) passes through. Keys v does
// not have are an error too.
func DecodeTOML(path string, data []byte, v any) (toml.MetaData, error) {
	md, err := toml.Decode(string(data), v)
	if err != nil {
		return md, &CorruptError{Path: path, Err: describe(err, data, v)}
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		key := extra[0]
		fe := &FormatError{Category: CategoryUnknownKey, Key: knownKey(key.String(), v)}
		fe.Line = lineOfKey(data, key)
		return md, &CorruptError{Path: path, Err: fe}
	}
	return md, nil
}

// lineAndKey reads what the decoder's plain (non-ParseError) errors say
// of the position: `toml: line 3 (last key "a.b"): …`. (No regexp: its
// compilation would cost every invocation at start-up.)
func lineAndKey(msg string) (line int, key string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "toml: line ")
	if !ok {
		return 0, "", false
	}
	num, rest, _ := strings.Cut(rest, " ")
	line, err := strconv.Atoi(num)
	if err != nil {
		return 0, "", false
	}
	if rest, ok := strings.CutPrefix(rest, `(last key "`); ok {
		key, _, _ = strings.Cut(rest, `"`)
	}
	return line, key, true
}

// describe classifies a decoder error without keeping its text.
func describe(err error, data []byte, v any) *FormatError {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		fe := &FormatError{Line: pe.Position.Line, Col: column(data, pe.Position.Start), Key: knownKey(pe.LastKey, v)}
		switch msg := pe.Message; {
		case strings.Contains(msg, "out of range"):
			fe.Category = CategoryRange
		case strings.Contains(msg, "hex"):
			fe.Category = CategoryHex
		case pe.LastKey != "" && fe.Key != "" && strings.HasPrefix(msg, "otr:"):
			fe.Category = CategoryValue
		default:
			fe.Category = CategorySyntax
		}
		return fe
	}
	fe := &FormatError{Category: CategoryValue}
	if line, key, ok := lineAndKey(err.Error()); ok {
		fe.Line, fe.Key = line, knownKey(key, v)
		fe.Col = valueColumn(data, fe.Line)
	}
	if strings.Contains(err.Error(), "incompatible types") {
		fe.Category = CategoryType
	}
	return fe
}

// column is the 1-based column of byte offset off in data.
func column(data []byte, off int) int {
	if off < 0 || off > len(data) {
		return 0
	}
	return off - bytes.LastIndexByte(data[:off], '\n')
}

// valueColumn is the column where the value starts on line n (after the
// first "="), or 0.
func valueColumn(data []byte, n int) int {
	lines := bytes.Split(data, []byte("\n"))
	if n < 1 || n > len(lines) {
		return 0
	}
	line := lines[n-1]
	i := bytes.IndexByte(line, '=')
	if i < 0 {
		return 0
	}
	for i++; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
	}
	return i + 1
}

// lineOfKey finds the line where an unknown key is set: the first line
// that assigns its last part, or the table header that names it.
func lineOfKey(data []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	last := key[len(key)-1]
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, last); ok {
			if r := strings.TrimSpace(rest); strings.HasPrefix(r, "=") {
				return i + 1
			}
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(strings.TrimRight(line, "]"), "."+last) || strings.Trim(line, "[]") == last {
			return i + 1
		}
	}
	return 0
}

// knownKey returns key if every part of it is a key this program writes
// (a toml tag somewhere in v's type), else "": a key invented by the file
// could be a piece of a secret.
func knownKey(key string, v any) string {
	if key == "" {
		return ""
	}
	tags := map[string]bool{}
	collectTags(reflect.TypeOf(v), tags, map[reflect.Type]bool{})
	for _, part := range strings.Split(key, ".") {
		if !tags[part] {
			return ""
		}
	}
	return key
}

func collectTags(t reflect.Type, tags map[string]bool, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("toml"), ","); name != "" && name != "-" {
			tags[name] = true
		}
		collectTags(f.Type, tags, seen)
	}
}
