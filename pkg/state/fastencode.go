package state

import (
	"encoding"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// fastEncode appends to buf the TOML of v (a pointer to a struct) exactly
// as the general encoder (BurntSushi/toml's Encoder, two-space indent)
// writes it, byte for byte, for the values the state files hold: structs
// of strings, integers, booleans, datetimes, text marshalers, slices of
// strings and slices of structs. The general encoder is a reflection
// walk that costs about a sixth of an `otr send`; this is the same walk
// without its generality. On anything else (floats, maps, pointers,
// interfaces, local datetimes, a marshaler failing) it gives up (ok
// false) and the caller runs the general encoder; the tests compare both
// on real states and by fuzzing.
func fastEncode(buf []byte, v any) (out []byte, ok bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return buf, false
	}
	e := fastEncoder{buf: buf}
	ok = e.table(nil, rv.Elem())
	return e.buf, ok
}

type fastEncoder struct {
	buf     []byte
	written bool // anything written yet (the general encoder's hasWritten)
}

func (e *fastEncoder) write(s string) {
	e.buf = append(e.buf, s...)
	e.written = true
}

func (e *fastEncoder) newline() {
	if e.written {
		e.buf = append(e.buf, '\n')
	}
}

func (e *fastEncoder) indent(key []string) {
	for range len(key) - 1 {
		e.write("  ")
	}
}

// table writes [key] and the struct's fields (eTable).
func (e *fastEncoder) table(key []string, rv reflect.Value) bool {
	if len(key) == 1 {
		e.newline()
	}
	if len(key) > 0 {
		e.indent(key)
		e.write("[")
		e.write(strings.Join(key, "."))
		e.write("]")
		e.newline()
	}
	return e.fields(key, rv)
}

// arrayOfTables writes one [[key]] per element (eArrayOfTables).
func (e *fastEncoder) arrayOfTables(key []string, rv reflect.Value) bool {
	for i := 0; i < rv.Len(); i++ {
		e.newline()
		e.indent(key)
		e.write("[[")
		e.write(strings.Join(key, "."))
		e.write("]]")
		e.newline()
		if !e.fields(key, rv.Index(i)) {
			return false
		}
	}
	return true
}

type encField struct {
	v reflect.Value
	*encodedField
}

// fields writes a struct's keys: plain values first, then tables, each in
// field order (eStruct).
func (e *fastEncoder) fields(key []string, rv reflect.Value) bool {
	ti := structInfo(rv.Type())
	if !ti.encodeOK {
		return false
	}
	var direct, sub []encField
	for i := range ti.fields {
		f := encField{fieldOf(rv, ti.fields[i].index), &ti.fields[i]}
		kind, ok := tomlKind(f.v)
		if !ok {
			return false
		}
		if kind == kindTable || kind == kindTables {
			sub = append(sub, f)
		} else {
			direct = append(direct, f)
		}
	}
	return e.writeFields(key, direct) && e.writeFields(key, sub)
}

func fieldOf(v reflect.Value, index []int) reflect.Value {
	if len(index) == 1 {
		return v.Field(index[0])
	}
	return v.FieldByIndex(index)
}

func (e *fastEncoder) writeFields(key []string, fields []encField) bool {
	for _, f := range fields {
		if f.omitempty && isEmptyValue(f.v) || isNilValue(f.v) || f.omitzero && isZeroNumber(f.v) {
			continue
		}
		k := append(key[:len(key):len(key)], f.name)
		kind, _ := tomlKind(f.v)
		var ok bool
		switch kind {
		case kindTable:
			ok = e.table(k, f.v)
		case kindTables:
			ok = e.arrayOfTables(k, f.v)
		default:
			ok = e.keyValue(k, f.v)
		}
		if !ok {
			return false
		}
	}
	return true
}

func (e *fastEncoder) keyValue(key []string, v reflect.Value) bool {
	e.indent(key)
	e.write(key[len(key)-1])
	e.write(" = ")
	if !e.element(v) {
		return false
	}
	e.newline()
	return true
}

// element writes a value (eElement).
func (e *fastEncoder) element(v reflect.Value) bool {
	ti := infoOf(v.Type())
	switch {
	case ti.isTime:
		tm := v.Interface().(time.Time)
		switch tm.Location().String() {
		case "datetime-local", "date-local", "time-local": // the general decoder's local kinds
			return false
		}
		e.buf = tm.AppendFormat(e.buf, time.RFC3339Nano)
		e.written = true
		return true
	case ti.tomlMarshaler || ti.special:
		return false
	case ti.marshaler:
		s, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil || s == nil {
			return false
		}
		e.quoted(string(s))
		return true
	}
	switch v.Kind() {
	case reflect.String:
		e.quoted(v.String())
	case reflect.Bool:
		e.write(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
		e.written = true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
		e.written = true
	case reflect.Slice, reflect.Array:
		e.write("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				e.write(", ")
			}
			if kind, ok := tomlKind(v.Index(i)); !ok || kind == kindTable || kind == kindNil || !e.element(v.Index(i)) {
				return false
			}
		}
		e.write("]")
	default:
		return false
	}
	return true
}

// quoted writes a basic string with the general encoder's escapes.
func (e *fastEncoder) quoted(s string) {
	e.buf = append(e.buf, '"')
	for i := 0; i < len(s); i++ {
		if n := plainRun(s[i:]); n > 0 {
			e.buf = append(e.buf, s[i:i+n]...)
			if i += n; i >= len(s) {
				break
			}
		}
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			e.buf = append(e.buf, '\\', c)
		case c == '\b':
			e.buf = append(e.buf, `\b`...)
		case c == '\t':
			e.buf = append(e.buf, `\t`...)
		case c == '\n':
			e.buf = append(e.buf, `\n`...)
		case c == '\f':
			e.buf = append(e.buf, `\f`...)
		case c == '\r':
			e.buf = append(e.buf, `\r`...)
		case c < 0x20 || c == 0x7f:
			e.buf = append(e.buf, `\u00`...)
			e.buf = append(e.buf, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			e.buf = append(e.buf, c)
		}
	}
	e.buf = append(e.buf, '"')
	e.written = true
}

type tomlValueKind int

const (
	kindNil tomlValueKind = iota
	kindValue
	kindTable  // a struct: [key]
	kindTables // a non-empty slice of structs: [[key]]
)

// tomlKind classifies a value as the general encoder does (tomlTypeOfGo);
// ok is false for what the fast path leaves to it.
func tomlKind(v reflect.Value) (tomlValueKind, bool) {
	ti := infoOf(v.Type())
	switch {
	case isNilValue(v):
		return kindNil, true
	case ti.isTime || ti.marshaler:
		return kindValue, true
	case ti.ptrMarshaler:
		return 0, false // the general encoder takes the address: leave it to it
	}
	switch v.Kind() {
	case reflect.Struct:
		return kindTable, true
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return kindValue, true
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			return kindValue, true
		}
		tables := true
		for i := 0; i < v.Len(); i++ {
			k, ok := tomlKind(v.Index(i))
			if !ok || k == kindNil {
				return 0, false
			}
			tables = tables && k == kindTable
		}
		if tables {
			return kindTables, true
		}
		return kindValue, true
	}
	return 0, false
}

var (
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	tomlMarshalerType = reflect.TypeFor[interface{ MarshalTOML() ([]byte, error) }]()
	durationType      = reflect.TypeFor[time.Duration]()
)

func isNilValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// isEmptyValue is the general encoder's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Slice, reflect.Map, reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		if v.Type().Comparable() {
			return reflect.Zero(v.Type()).Interface() == v.Interface()
		}
		for i := 0; i < v.NumField(); i++ {
			if !isEmptyValue(v.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Bool:
		return !v.Bool()
	case reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// isZeroNumber is the general encoder's test for omitzero.
func isZeroNumber(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	}
	return false
}
