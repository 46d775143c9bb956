package wire

import (
	"bytes"
	"errors"
	"math/big"
	"testing"
)

func TestAppendPrimitives(t *testing.T) {
	tests := []struct {
		name string
		got  []byte
		want []byte
	}{
		{"byte", AppendByte([]byte{9}, 0xab), []byte{9, 0xab}},
		{"short", AppendShort(nil, 0x0102), []byte{1, 2}},
		{"int", AppendInt(nil, 0x01020304), []byte{1, 2, 3, 4}},
		{"mpi zero", AppendMPI(nil, big.NewInt(0)), []byte{0, 0, 0, 0}},
		{"mpi nil", AppendMPI(nil, nil), []byte{0, 0, 0, 0}},
		{"mpi one", AppendMPI(nil, big.NewInt(1)), []byte{0, 0, 0, 1, 1}},
		{"mpi 0x100", AppendMPI(nil, big.NewInt(0x100)), []byte{0, 0, 0, 2, 1, 0}},
		{"mpi after prefix", AppendMPI([]byte{7}, big.NewInt(0xff)), []byte{7, 0, 0, 0, 1, 0xff}},
		{"data", AppendData(nil, []byte("hi")), []byte{0, 0, 0, 2, 'h', 'i'}},
		{"data empty", AppendData(nil, nil), []byte{0, 0, 0, 0}},
	}
	for _, tt := range tests {
		if !bytes.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %x, want %x", tt.name, tt.got, tt.want)
		}
	}
}

func TestReaderRoundTrip(t *testing.T) {
	n := new(big.Int).Lsh(big.NewInt(1), 1535)
	b := AppendByte(nil, 0xfe)
	b = AppendShort(b, 0xbeef)
	b = AppendInt(b, 0xdeadbeef)
	b = AppendMPI(b, n)
	b = AppendData(b, []byte("payload"))
	b = append(b, 1, 2, 3)
	r := NewReader(b)
	if got := r.Byte("b"); got != 0xfe {
		t.Errorf("Byte = %x", got)
	}
	if got := r.Short("s"); got != 0xbeef {
		t.Errorf("Short = %x", got)
	}
	if got := r.Int("i"); got != 0xdeadbeef {
		t.Errorf("Int = %x", got)
	}
	if got := r.MPI("m"); got.Cmp(n) != 0 {
		t.Errorf("MPI = %x", got)
	}
	if got := r.Data("d"); string(got) != "payload" {
		t.Errorf("Data = %q", got)
	}
	if err := r.Done(); err == nil {
		t.Error("Done with 3 bytes left: want error")
	}
	r = NewReader(b[len(b)-3:])
	if got := r.Fixed(3, "f"); !bytes.Equal(got, []byte{1, 2, 3}) || r.Done() != nil || r.NonMinimal() {
		t.Errorf("Fixed = %x, Done = %v", got, r.Done())
	}
}

func TestReaderErrors(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		read  func(r *Reader)
		field string
	}{
		{"short byte", nil, func(r *Reader) { r.Byte("b") }, "b"},
		{"short short", []byte{1}, func(r *Reader) { r.Short("s") }, "s"},
		{"short int", []byte{1, 2, 3}, func(r *Reader) { r.Int("i") }, "i"},
		{"data len too big", []byte{0, 0, 0, 5, 1, 2}, func(r *Reader) { r.Data("d") }, "d"},
		{"data len huge", []byte{0xff, 0xff, 0xff, 0xff}, func(r *Reader) { r.Data("d") }, "d"},
		{"mpi len huge", []byte{0x80, 0, 0, 0, 1}, func(r *Reader) { r.MPI("m") }, "m"},
		{"mpi len missing", []byte{0, 0}, func(r *Reader) { r.MPI("m") }, "m length"},
		{"fixed too long", []byte{1}, func(r *Reader) { r.Fixed(2, "f") }, "f"},
		{"fixed negative", []byte{1}, func(r *Reader) { r.Fixed(-1, "f") }, "f"},
	}
	for _, tt := range tests {
		r := NewReader(tt.input)
		tt.read(r)
		var fe *FieldError
		if err := r.Err(); !errors.Is(err, ErrMalformed) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: err = %v, want FieldError on %q", tt.name, err, tt.field)
		}
	}
}

func TestReaderErrorIsSticky(t *testing.T) {
	r := NewReader([]byte{0, 0, 0, 9, 1, 2, 3, 4, 5})
	r.Data("first")
	if r.Int("second") != 0 || r.Byte("third") != 0 || r.MPI("fourth") != nil || r.Rest() != nil {
		t.Error("reads after a failure must return zero values")
	}
	var fe *FieldError
	if !errors.As(r.Done(), &fe) || fe.Field != "first" || fe.Offset != 0 {
		t.Errorf("want the first failure, got %v", r.Err())
	}
}

func TestReaderNonMinimalMPI(t *testing.T) {
	r := NewReader([]byte{0, 0, 0, 3, 0, 1, 2})
	if got := r.MPI("m"); got.Int64() != 0x102 || r.Done() != nil {
		t.Fatalf("MPI = %v, err %v", got, r.Err())
	}
	if !r.NonMinimal() {
		t.Error("leading zero byte not reported")
	}
}

func TestReaderDoesNotAlias(t *testing.T) {
	in := AppendData(nil, []byte("abc"))
	r := NewReader(in)
	d := r.Data("d")
	in[4] = 'X'
	if string(d) != "abc" {
		t.Errorf("Data aliases input: %q", d)
	}
}
