package state

import (
	"bytes"
	"encoding"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// The state files are read on every invocation, and the general TOML
// decoder (a lexer, a tree of maps, then reflection) was a third of the
// instructions of one `otr send`. fastDecode reads the plain form this
// program writes (key = value lines, [table] and [[array]] headers, basic
// strings, decimal integers, booleans, UTC datetimes, arrays of strings)
// straight into the struct, and gives up (ok false, v unspecified) on
// anything else: the caller then decodes afresh with the general decoder,
// which accepts the rest of TOML and reports errors. So a file the fast
// path accepts must decode to exactly what the general decoder gives,
// which the tests check on real states and by fuzzing; everything it
// declines only costs time.

// decodeState decodes the state file path, holding data, into v (a
// pointer to a zero struct): the fast path first, DecodeTOML for the rest.
func decodeState(path string, data []byte, v any) error {
	if fastDecode(data, v) {
		return nil
	}
	// Start again from zero: the fast path may have filled part of v.
	rv := reflect.ValueOf(v).Elem()
	rv.Set(reflect.Zero(rv.Type()))
	_, err := DecodeTOML(path, data, v)
	return err
}

// fastDecode decodes data into v, a pointer to a zero struct.
func fastDecode(data []byte, v any) (ok bool) {
	root := reflect.ValueOf(v)
	if root.Kind() != reflect.Pointer || root.Elem().Kind() != reflect.Struct || !utf8.Valid(data) {
		return false
	}
	d := fastDecoder{root: root.Elem(), keys: map[fastKey]bool{}, tables: map[string]bool{}}
	d.cur, d.scope = d.root, ""
	for len(data) > 0 {
		line, rest, ended := bytes.Cut(data, []byte{'\n'})
		if ended { // CR LF ends a line too; a CR alone is not TOML
			line = bytes.TrimSuffix(line, []byte{'\r'})
		}
		data = rest
		if !d.line(line) {
			return false
		}
	}
	return true
}

type fastKey struct{ scope, key string }

type fastDecoder struct {
	root, cur reflect.Value
	// scope names the table keys go to now (its path, with the index of
	// each array element on it), so a repeated key or table is noticed.
	scope  string
	keys   map[fastKey]bool
	tables map[string]bool
}

func (d *fastDecoder) line(line []byte) bool {
	line = bytes.TrimLeft(line, " \t")
	switch {
	case len(line) == 0 || line[0] == '#':
		return endOfLine(line)
	case bytes.HasPrefix(line, []byte("[[")):
		return d.header(line[2:], "]]", true)
	case line[0] == '[':
		return d.header(line[1:], "]", false)
	}
	key, rest, found := bytes.Cut(line, []byte{'='})
	key = bytes.TrimRight(key, " \t")
	if !found || !bareKey(key) {
		return false
	}
	k := fastKey{d.scope, string(key)}
	if d.keys[k] {
		return false
	}
	d.keys[k] = true
	f, ok := field(d.cur, k.key)
	if !ok {
		return false
	}
	rest, ok = value(f, bytes.TrimLeft(rest, " \t"))
	return ok && endOfLine(rest)
}

// header handles [a.b] (array false) and [[a.b]].
func (d *fastDecoder) header(line []byte, closing string, array bool) bool {
	path, rest, found := bytes.Cut(line, []byte(closing))
	if !found || !endOfLine(rest) {
		return false
	}
	cur, scope := d.root, ""
	parts := bytes.Split(path, []byte{'.'})
	for i, part := range parts {
		if !bareKey(part) {
			return false
		}
		f, ok := field(cur, string(part))
		if !ok {
			return false
		}
		last := i == len(parts)-1
		switch {
		case f.Kind() == reflect.Struct && f.Type() != timeType && !(last && array):
			cur = f
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct && f.Type().Elem() != timeType && (array || !last):
			if last {
				f.Set(reflect.Append(f, reflect.New(f.Type().Elem()).Elem()))
			} else if f.Len() == 0 {
				return false
			}
			cur = f.Index(f.Len() - 1)
		default:
			return false
		}
		scope += "." + string(part)
		if f.Kind() == reflect.Slice {
			scope += "#" + strconv.Itoa(f.Len()) // one scope per element
		}
	}
	if !array {
		if d.tables[scope] {
			return false
		}
		d.tables[scope] = true
	}
	d.cur, d.scope = cur, scope
	return true
}

func bareKey(k []byte) bool {
	if len(k) == 0 {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func endOfLine(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t")
	if len(rest) == 0 {
		return true
	}
	if rest[0] != '#' {
		return false
	}
	for _, c := range rest {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

var (
	timeType          = reflect.TypeFor[time.Time]()
	textUnmarshalType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// field finds the field tagged key in the struct v (looking into embedded
// structs without a tag, as the general decoder does); only exact tag
// names count here.
func field(v reflect.Value, key string) (reflect.Value, bool) {
	for _, f := range structInfo(v.Type()).tagged {
		if f.name == key {
			return fieldOf(v, f.index), true
		}
	}
	return reflect.Value{}, false
}

// value decodes the value at the start of in into f and returns the rest.
func value(f reflect.Value, in []byte) ([]byte, bool) {
	if len(in) == 0 {
		return nil, false
	}
	if f.Type() == timeType {
		return datetime(f, in)
	}
	if f.CanAddr() && infoOf(f.Type()).unmarshaler {
		s, rest, ok := basicString(in)
		if !ok {
			return nil, false
		}
		return rest, f.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)) == nil
	}
	switch f.Kind() {
	case reflect.String:
		s, rest, ok := basicString(in)
		if ok {
			f.SetString(s)
		}
		return rest, ok
	case reflect.Bool:
		switch {
		case bytes.HasPrefix(in, []byte("true")):
			f.SetBool(true)
			return in[4:], true
		case bytes.HasPrefix(in, []byte("false")):
			f.SetBool(false)
			return in[5:], true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, rest, ok := integer(in)
		if ok && !f.OverflowInt(n) {
			f.SetInt(n)
			return rest, true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, rest, ok := integer(in)
		if ok && n >= 0 && !f.OverflowUint(uint64(n)) {
			f.SetUint(uint64(n))
			return rest, true
		}
	case reflect.Slice:
		if f.Type().Elem().Kind() == reflect.String {
			return stringArray(f, in)
		}
	}
	return nil, false
}

// integer reads a plain decimal integer (no sign but '-', no leading
// zeros, no underscores), as written.
func integer(in []byte) (int64, []byte, bool) {
	i := 0
	if len(in) > 0 && in[0] == '-' {
		i = 1
	}
	j := i
	for j < len(in) && in[j] >= '0' && in[j] <= '9' {
		j++
	}
	if j == i || in[i] == '0' && j-i > 1 || j < len(in) && !isSep(in[j]) {
		return 0, nil, false
	}
	n, err := strconv.ParseInt(string(in[:j]), 10, 64)
	return n, in[j:], err == nil
}

func isSep(c byte) bool { return c == ' ' || c == '\t' || c == '#' || c == ',' || c == ']' }

// datetime reads an offset datetime in UTC, as written: 2006-01-02T15:04:05Z
// with an optional fraction of a second.
func datetime(f reflect.Value, in []byte) ([]byte, bool) {
	j := 0
	for j < len(in) && !isSep(in[j]) {
		j++
	}
	s := in[:j]
	if len(s) < len("2006-01-02T15:04:05Z") || s[len(s)-1] != 'Z' || s[10] != 'T' {
		return nil, false
	}
	for i, c := range s[:len(s)-1] {
		switch i {
		case 4, 7:
			if c != '-' {
				return nil, false
			}
		case 10:
		case 13, 16:
			if c != ':' {
				return nil, false
			}
		case 19:
			if c != '.' || len(s) == 21 {
				return nil, false
			}
		default:
			if c < '0' || c > '9' {
				return nil, false
			}
		}
	}
	t, err := time.Parse(time.RFC3339Nano, string(s))
	if err != nil {
		return nil, false
	}
	f.Set(reflect.ValueOf(t))
	return in[j:], true
}

// basicString reads a "basic string" with the usual escapes.
func basicString(in []byte) (string, []byte, bool) {
	if len(in) == 0 || in[0] != '"' || bytes.HasPrefix(in, []byte(`"""`)) {
		return "", nil, false
	}
	in = in[1:]
	var out []byte
	for i := 0; i < len(in); i++ {
		if out == nil {
			i += plainRun(in[i:]) // most strings (hex keys) have nothing to unescape
			if i >= len(in) {
				break
			}
		}
		c := in[i]
		switch {
		case c == '"':
			if out == nil {
				return string(in[:i]), in[i+1:], true
			}
			return string(out), in[i+1:], true
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", nil, false
		case c != '\\':
			if out != nil {
				out = append(out, c)
			}
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(in)), in[:i]...)
		}
		if i+1 >= len(in) {
			return "", nil, false
		}
		i++
		switch in[i] {
		case '"', '\\':
			out = append(out, in[i])
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u', 'U':
			n := 4
			if in[i] == 'U' {
				n = 8
			}
			if i+n >= len(in) {
				return "", nil, false
			}
			r, err := strconv.ParseUint(string(in[i+1:i+1+n]), 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return "", nil, false
			}
			out = utf8.AppendRune(out, rune(r))
			i += n
		default:
			return "", nil, false
		}
	}
	return "", nil, false
}

// stringArray reads ["a", "b"] on one line.
func stringArray(f reflect.Value, in []byte) ([]byte, bool) {
	if in[0] != '[' {
		return nil, false
	}
	in = bytes.TrimLeft(in[1:], " \t")
	list := reflect.MakeSlice(f.Type(), 0, 2)
	for len(in) > 0 && in[0] != ']' {
		s, rest, ok := basicString(in)
		if !ok {
			return nil, false
		}
		list = reflect.Append(list, reflect.ValueOf(s).Convert(f.Type().Elem()))
		in = bytes.TrimLeft(rest, " \t")
		if len(in) > 0 && in[0] == ',' {
			in = bytes.TrimLeft(in[1:], " \t")
		} else if len(in) == 0 || in[0] != ']' {
			return nil, false
		}
	}
	if len(in) == 0 {
		return nil, false
	}
	f.Set(list)
	return in[1:], true
}
