package state

import (
	"reflect"
	"testing"
	"time"
)

// leaves returns one function per saved leaf of v that changes it in
// place; with fill it first gives every leaf a value (slices one element).
func leaves(v reflect.Value, path string, out map[string]func(), fill bool) {
	set := func(x any) {
		if fill {
			v.Set(reflect.ValueOf(x).Convert(v.Type()))
		}
	}
	switch {
	case v.Type() == timeType:
		set(time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC))
		out[path] = func() { v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Nanosecond))) }
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && f.Tag.Get("toml") != "-" {
				leaves(v.Field(i), path+"."+f.Name, out, fill)
			}
		}
	case reflect.Slice:
		if fill {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		leaves(v.Index(0), path+"[0]", out, fill)
		out[path+"+"] = func() { v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem()))) }
	case reflect.String:
		set("s")
		out[path] = func() { v.SetString(v.String() + "\xff") }
	case reflect.Bool:
		set(true)
		out[path] = func() { v.SetBool(false) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		set(7)
		out[path] = func() { v.SetInt(v.Int() + 1) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		set(7)
		out[path] = func() { v.SetUint(v.Uint() + 1) }
	default:
		panic("leaves: unhandled kind " + v.Kind().String() + " at " + path)
	}
}

// TestChangedSeesEveryField: PeerTx.Changed (a comparison of the encoding
// with the file): a change of any saved field of a peer, in
// place (as the library changes counters and keys) or not, counts as a
// change; an untouched peer does not.
func TestChangedSeesEveryField(t *testing.T) {
	base := NewPeer("bob")
	fill := map[string]func(){}
	leaves(reflect.ValueOf(base).Elem(), "peer", fill, true)
	if len(fill) < 60 {
		t.Fatalf("only %d leaves found", len(fill))
	}
	base.Version = FormatVersion
	for path := range fill {
		if path == "peer.Version" {
			continue // the store's own: every save writes FormatVersion
		}
		p := deepCopy(base)
		saved, err := encodeTOML(p)
		if err != nil {
			t.Fatal(err)
		}
		tx := &PeerTx{Peer: p, saved: saved}
		if changed, err := tx.Changed(); err != nil || changed {
			t.Fatal("a peer nothing touched counts as changed")
		}
		mutations := map[string]func(){}
		leaves(reflect.ValueOf(p).Elem(), "peer", mutations, false)
		mutations[path]()
		if changed, _ := tx.Changed(); !changed {
			t.Errorf("changing %s is not seen", path)
		}
	}
}

// TestDeepCopySharesNothing: changing the copy leaves the original alone.
func TestDeepCopySharesNothing(t *testing.T) {
	base := NewPeer("bob")
	leaves(reflect.ValueOf(base).Elem(), "peer", map[string]func(){}, true)
	c := deepCopy(base)
	mutations := map[string]func(){}
	leaves(reflect.ValueOf(c).Elem(), "peer", mutations, false)
	for _, m := range mutations {
		m()
	}
	fresh := NewPeer("bob")
	leaves(reflect.ValueOf(fresh).Elem(), "peer", map[string]func(){}, true)
	if !reflect.DeepEqual(base, fresh) {
		t.Fatal("changing the copy changed the original")
	}
}
