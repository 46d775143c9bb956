package state

import "reflect"

// deepCopy copies v so that no slice, pointer or map of the copy is shared
// with v (unexported fields, such as a time.Time's location, are copied
// as they are: nothing changes them in place).
func deepCopy[T any](v T) T {
	src := reflect.ValueOf(&v).Elem()
	var out T
	copyValue(reflect.ValueOf(&out).Elem(), src)
	return out
}

func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if !src.IsNil() {
			n := reflect.New(src.Type().Elem())
			copyValue(n.Elem(), src.Elem())
			dst.Set(n)
		}
	case reflect.Slice:
		if !src.IsNil() {
			n := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
			if flat(src.Type().Elem().Kind()) {
				reflect.Copy(n, src) // keys and numbers: one copy, not one call per byte
			} else {
				for i := range src.Len() {
					copyValue(n.Index(i), src.Index(i))
				}
			}
			dst.Set(n)
		}
	case reflect.Map:
		if !src.IsNil() {
			n := reflect.MakeMapWithSize(src.Type(), src.Len())
			for it := src.MapRange(); it.Next(); {
				v := reflect.New(src.Type().Elem()).Elem()
				copyValue(v, it.Value())
				n.SetMapIndex(it.Key(), v)
			}
			dst.Set(n)
		}
	case reflect.Array:
		for i := range src.Len() {
			copyValue(dst.Index(i), src.Index(i))
		}
	case reflect.Struct:
		dst.Set(src)
		for i := range src.NumField() {
			if f := dst.Field(i); f.CanSet() {
				copyValue(f, src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// flat kinds hold no reference: copying the value copies all of it.
func flat(k reflect.Kind) bool {
	return k >= reflect.Bool && k <= reflect.Complex128 || k == reflect.String
}
