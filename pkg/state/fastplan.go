package state

import (
	"reflect"
	"strings"
	"sync"
)

// What the fast paths need to know of a type, worked out once per type
// and only when first needed: the reflection queries (Implements, struct
// tags) cost more than the walk itself, and a peer file repeats its types
// (a table per key exchange, a record per fingerprint). A process decodes
// and encodes a handful of types once, so building this must stay cheap
// too: no maps, few allocations.

type typeInfo struct {
	isTime        bool
	marshaler     bool // TextMarshaler (or TOML marshaler): written as a string
	tomlMarshaler bool
	ptrMarshaler  bool // only *T marshals: left to the general encoder
	unmarshaler   bool // *T is a TextUnmarshaler
	special       bool // time.Duration, encoding/json types: left to the general encoder

	// For structs: the fields as the encoder walks them (encodeOK false
	// when one is of a kind the fast encoder leaves alone), and the
	// fields the decoder fills, with their tag names.
	once     sync.Once
	fields   []encodedField
	encodeOK bool
	tagged   []encodedField
}

type encodedField struct {
	index               []int
	name                string
	omitempty, omitzero bool
}

var (
	typeInfoMu sync.Mutex
	typeInfos  = map[reflect.Type]*typeInfo{}
)

func infoOf(t reflect.Type) *typeInfo {
	typeInfoMu.Lock()
	ti, ok := typeInfos[t]
	if !ok {
		ti = newTypeInfo(t)
		typeInfos[t] = ti
	}
	typeInfoMu.Unlock()
	return ti
}

func newTypeInfo(t reflect.Type) *typeInfo {
	ti := &typeInfo{isTime: t == timeType}
	if t.PkgPath() == "" && t.Kind() != reflect.Struct {
		return ti // an unnamed type has no methods (structs: no embedding here)
	}
	ti.special = t == durationType || t.PkgPath() == "encoding/json"
	pt := reflect.PointerTo(t)
	if pt.NumMethod() == 0 {
		return ti
	}
	ti.tomlMarshaler = t.Implements(tomlMarshalerType)
	ti.marshaler = ti.tomlMarshaler || t.Implements(textMarshalerType)
	ti.ptrMarshaler = !ti.marshaler && (pt.Implements(textMarshalerType) || pt.Implements(tomlMarshalerType))
	ti.unmarshaler = pt.Implements(textUnmarshalType)
	return ti
}

// structInfo is infoOf a struct type, with its fields.
func structInfo(t reflect.Type) *typeInfo {
	ti := infoOf(t)
	ti.once.Do(func() {
		ti.encodeOK = true
		ti.walkFields(t, nil, true, true)
	})
	return ti
}

// walkFields lists, in one pass over the fields (reflect's Field is the
// costly part), the fields the general encoder writes, in its order
// (into ti.fields; encodeOK false when one is of a kind the fast encoder
// leaves alone), and the exported fields with a tag name (into
// ti.tagged, the first of a name counts: the fast decoder matches exact
// tag names only). Both look into embedded structs, by their own rules:
// the encoder into those without a name, the decoder into exported ones
// without a tag.
func (ti *typeInfo) walkFields(t reflect.Type, start []int, enc, dec bool) {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("toml")
		name, opts, _ := strings.Cut(tag, ",")
		index := append(start[:len(start):len(start)], i)
		embed := sf.Anonymous && sf.Type.Kind() == reflect.Struct
		decHere := dec && sf.IsExported()
		encHere := enc && (sf.IsExported() || embed) && tag != "-"
		if encHere && (sf.Type.Kind() == reflect.Pointer || sf.Type.Kind() == reflect.Interface || !sf.IsExported() && name != "") {
			ti.encodeOK = false
		}
		encInto := encHere && embed && name == ""
		if encInto && infoOf(sf.Type).marshaler {
			ti.encodeOK = false
		}
		decInto := decHere && tag == "" && embed
		if encInto || decInto {
			ti.walkFields(sf.Type, index, encInto, decInto)
		}
		if decHere && !decInto && name != "" && name != "-" {
			ti.tagged = append(ti.tagged, encodedField{index: index, name: name})
		}
		if !encHere || encInto {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if !bareKey([]byte(name)) {
			ti.encodeOK = false
		}
		f := encodedField{index: index, name: name}
		for opts != "" {
			var o string
			o, opts, _ = strings.Cut(opts, ",")
			f.omitempty = f.omitempty || o == "omitempty"
			f.omitzero = f.omitzero || o == "omitzero"
		}
		ti.fields = append(ti.fields, f)
	}
}
