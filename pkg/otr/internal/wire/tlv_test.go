package wire

import (
	"bytes"
	"errors"
	"math/big"
	"reflect"
	"testing"
)

func TestAppendTLVSpecExamples(t *testing.T) {
	tests := []struct {
		tlv  TLV
		want []byte
	}{
		{TLV{Type: TLVDisconnected}, []byte{0, 1, 0, 0}},
		{TLV{Type: TLVPadding, Value: []byte("hello")}, []byte{0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}},
	}
	for _, tt := range tests {
		got := AppendTLV(nil, tt.tlv)
		back, err := ParseTLVs(got)
		if !bytes.Equal(got, tt.want) || err != nil || len(back) != 1 || back[0].Type != tt.tlv.Type || !bytes.Equal(back[0].Value, tt.tlv.Value) {
			t.Errorf("%+v: %x, parsed back %+v %v", tt.tlv, got, back, err)
		}
	}
}

func TestTLVTooLong(t *testing.T) {
	long := TLV{Type: TLVSMP1Q, Value: make([]byte, MaxTLVValue+1)}
	if err := long.Check(); !errors.Is(err, ErrTLVTooLong) {
		t.Errorf("Check = %v", err)
	}
	if _, err := JoinPlaintextChecked([]byte("x"), []TLV{long}); !errors.Is(err, ErrTLVTooLong) {
		t.Errorf("JoinPlaintextChecked = %v", err)
	}
	max := TLV{Type: TLVPadding, Value: make([]byte, MaxTLVValue)}
	if b, err := JoinPlaintextChecked(nil, []TLV{max}); err != nil || len(b) != 1+4+MaxTLVValue {
		t.Errorf("largest TLV: %d bytes, %v", len(b), err)
	}
	defer func() {
		if recover() == nil {
			t.Error("AppendTLV of an oversized value must not encode it")
		}
	}()
	AppendTLV(nil, long)
}

func TestParseTLVsErrors(t *testing.T) {
	ok := AppendTLV(nil, TLV{Type: 9, Value: []byte("ok")})
	tests := []struct {
		name  string
		input []byte
		keep  int
	}{
		{"lone byte", []byte{0}, 0},
		{"type only", []byte{0, 1}, 0},
		{"length beyond input", []byte{0, 1, 0, 3, 'a'}, 0},
		{"good then truncated", append(append([]byte{}, ok...), 0, 1, 0), 1},
	}
	for _, tt := range tests {
		got, err := ParseTLVs(tt.input)
		if !errors.Is(err, ErrMalformed) || len(got) != tt.keep {
			t.Errorf("%s: %d TLVs, err %v", tt.name, len(got), err)
		}
	}
}

func TestPlaintextSplitJoin(t *testing.T) {
	tlvs := []TLV{{Type: TLVSMP1Q, Value: []byte("question?\x00rest")}, {Type: TLVDisconnected, Value: []byte{}}}
	tests := []struct {
		name string
		text string
		tlvs []TLV
		want []byte
	}{
		{"text only", "hello", nil, []byte("hello")},
		{"empty", "", nil, []byte{}},
		{"heartbeat with TLV", "", tlvs[1:], []byte{0, 0, 1, 0, 0}},
		{"text and TLVs", "hi", tlvs, append([]byte("hi\x00"), append(AppendTLV(nil, tlvs[0]), AppendTLV(nil, tlvs[1])...)...)},
	}
	for _, tt := range tests {
		p := JoinPlaintext([]byte(tt.text), tt.tlvs)
		text, tlvs, err := SplitPlaintext(p)
		if !bytes.Equal(p, tt.want) || err != nil || string(text) != tt.text || !reflect.DeepEqual(tlvs, tt.tlvs) {
			t.Errorf("%s: joined %x; split %q %+v %v", tt.name, p, text, tlvs, err)
		}
	}
}

func TestSplitPlaintextBrokenTLVs(t *testing.T) {
	text, tlvs, err := SplitPlaintext([]byte("hi\x00\x00\x01\x00\x09x"))
	if string(text) != "hi" || len(tlvs) != 0 || !errors.Is(err, ErrMalformed) {
		t.Errorf("got %q %+v %v", text, tlvs, err)
	}
	text, tlvs, err = SplitPlaintext([]byte("hi\x00"))
	if string(text) != "hi" || len(tlvs) != 0 || err != nil {
		t.Errorf("NUL without TLVs: %q %+v %v", text, tlvs, err)
	}
}

func TestMPIs(t *testing.T) {
	ns := []*big.Int{big.NewInt(0), big.NewInt(1), bigFrom(seq(0x80, 192))}
	b := AppendMPIs(nil, ns)
	got, err := ParseMPIs(b, 3)
	if err != nil || len(got) != 3 {
		t.Fatalf("ParseMPIs: %v", err)
	}
	for i := range ns {
		if got[i].Cmp(ns[i]) != 0 {
			t.Errorf("MPI %d = %v", i, got[i])
		}
	}
	bad := []struct {
		name  string
		input []byte
		want  int
	}{
		{"count too small", b, 4},
		{"count too big", b, 2},
		{"trailing byte", append(append([]byte{}, b...), 0), 3},
		{"truncated", b[:len(b)-1], 3},
		{"no count", []byte{0, 0}, 0},
		{"huge count", []byte{0xff, 0xff, 0xff, 0xff}, 3},
		{"negative want", AppendInt(nil, 0), -1},
	}
	for _, tt := range bad {
		if _, err := ParseMPIs(tt.input, tt.want); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	if got, err := ParseMPIs(AppendMPIs(nil, nil), 0); err != nil || len(got) != 0 {
		t.Errorf("zero MPIs: %v %v", got, err)
	}
}

func TestPubKey(t *testing.T) {
	p, q, g, y := bigFrom(seq(0x81, 128)), bigFrom(seq(0x91, 20)), big.NewInt(2), bigFrom(seq(0xa1, 128))
	b := AppendPubKey(nil, p, q, g, y)
	if !bytes.Equal(b[:2], []byte{0, 0}) {
		t.Errorf("type = %x", b[:2])
	}
	r := NewReader(b)
	gp, gq, gg, gy := r.PubKey("pubkey")
	if r.Done() != nil || gp.Cmp(p) != 0 || gq.Cmp(q) != 0 || gg.Cmp(g) != 0 || gy.Cmp(y) != 0 {
		t.Errorf("round trip failed: %v", r.Err())
	}
	wrong := append([]byte{0, 1}, b[2:]...)
	r = NewReader(wrong)
	r.PubKey("pubkey")
	var fe *FieldError
	if !errors.As(r.Err(), &fe) || fe.Field != "pubkey type" || fe.Offset != 0 {
		t.Errorf("unknown key type: %v", r.Err())
	}
	for n := range len(b) {
		r := NewReader(b[:n])
		r.PubKey("pubkey")
		if r.Err() == nil {
			t.Errorf("truncated at %d: no error", n)
		}
	}
}
