package wire

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestEncodeDecodeMessage(t *testing.T) {
	for _, m := range sampleMessages() {
		bin := m.Marshal()
		line := EncodeMessage(bin)
		if Classify(line) != KindEncoded {
			t.Errorf("v%d type %x: Classify(%.12q...) = %v", m.Hdr().Version, m.Hdr().Type, line, Classify(line))
		}
		got, err := DecodeMessage(line)
		if err != nil || !bytes.Equal(got, bin) {
			t.Errorf("v%d type %x: DecodeMessage: %v", m.Hdr().Version, m.Hdr().Type, err)
		}
	}
}

func TestDecodeMessageForms(t *testing.T) {
	tests := []struct {
		line string
		want []byte
		ok   bool
	}{
		{"?OTR:AAMK.", []byte{0, 3, 0x0a}, true},
		{"text before ?OTR:AAMK. and after", []byte{0, 3, 0x0a}, true},
		{"?OTR:AA\r\nMK.", []byte{0, 3, 0x0a}, true},
		{"?OTR:AAMK", nil, false},
		{"?OTR:AA*MK.", nil, false},
		{"?OTR:AAM.", nil, false},
		{"no marker.", nil, false},
		{"?OTR:" + strings.Repeat("AAAA", MaxMessageSize/4+1) + ".", nil, false},
	}
	for _, tt := range tests {
		got, err := DecodeMessage(tt.line)
		if tt.ok != (err == nil) || !bytes.Equal(got, tt.want) {
			t.Errorf("DecodeMessage(%q) = %x, %v", tt.line, got, err)
		}
		if err != nil && !errors.Is(err, ErrMalformed) {
			t.Errorf("DecodeMessage(%q): error %v does not wrap ErrMalformed", tt.line, err)
		}
	}
}

func TestClassify(t *testing.T) {
	tag := WhitespaceTag(true, true)
	tests := []struct {
		line string
		want Kind
	}{
		{"hello", KindPlaintext},
		{"", KindPlaintext},
		{"hello" + tag, KindTaggedPlaintext},
		{"?OTRv23?", KindQuery},
		{"?OTR?", KindQuery},
		{"?OTRv", KindQuery},
		{"please ?OTRv23? now", KindQuery},
		{"?OTR", KindUnknown},
		{"?OTR!", KindUnknown},
		{"what is ?OTR anyway ?OTRv2?", KindUnknown}, // first "?OTR" decides, as in libotr
		{"?OTR Error: bad", KindError},
		{"?OTR Error:", KindError},
		{"quoted ?OTR Error: bad", KindPlaintext},
		{"quoted ?OTR Error: bad" + tag, KindTaggedPlaintext},
		{"?OTR Error: see ?OTR,1,2,x,", KindError},
		{"?OTR:AAMDxxxx.", KindEncoded},
		{"?OTR:AAICxxxx.", KindEncoded},
		{"?OTR:AAMKxxxx.", KindEncoded},
		{"?OTR:AAMRxxxx.", KindEncoded},
		{"?OTR:AAISxxxx.", KindEncoded},
		{"?OTR:AAMXxxxx.", KindUnknown},
		{"?OTR:AAEDxxxx.", KindUnknown}, // v1 data
		{"?OTR:AAM", KindUnknown},
		{"?OTR|5a73a599|27e31597,00001,00003,abc,", KindFragment},
		{"?OTR,00001,00003,abc,", KindFragment},
		{"?OTR|garbage", KindFragment},
		{"?OTRv2? and ?OTR,1,1,x,", KindFragment},
	}
	for _, tt := range tests {
		if got := Classify(tt.line); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestQueryMessage(t *testing.T) {
	tests := []struct {
		v2, v3 bool
		want   string
	}{
		{true, true, "?OTRv23?"}, {true, false, "?OTRv2?"}, {false, true, "?OTRv3?"}, {false, false, "?OTRv?"},
	}
	for _, tt := range tests {
		got := QueryMessage(tt.v2, tt.v3)
		v2, v3, ok := ParseQuery(got)
		if got != tt.want || !ok || v2 != tt.v2 || v3 != tt.v3 {
			t.Errorf("QueryMessage(%v, %v) = %q, parsed back %v %v %v", tt.v2, tt.v3, got, v2, v3, ok)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		line       string
		v2, v3, ok bool
	}{
		{"?OTR?", false, false, true}, // v1 only
		{"?OTRv2?", true, false, true},
		{"?OTRv23?", true, true, true},
		{"?OTRv32?", true, true, true},
		{"?OTR?v2?", true, false, true},
		{"?OTRv24x?", true, false, true},
		{"?OTR?v24x?", true, false, true},
		{"?OTR?v?", false, false, true},
		{"?OTRv?", false, false, true},
		{"?OTRv3?\n<b>alice</b> has requested ...", false, true, true},
		{"?OTRv2? then 3", true, false, true},
		{"?OTRv3", false, true, true}, // no closing "?": to end of line, as libotr
		{"?OTRv", false, false, true},
		{"?OTR", false, false, false},
		{"?OTRx", false, false, false},
		{"junk", false, false, false},
		{"", false, false, false},
		{"hi ?OTRv23? there", true, true, true},
	}
	for _, tt := range tests {
		v2, v3, ok := ParseQuery(tt.line)
		if v2 != tt.v2 || v3 != tt.v3 || ok != tt.ok {
			t.Errorf("ParseQuery(%q) = %v %v %v, want %v %v %v", tt.line, v2, v3, ok, tt.v2, tt.v3, tt.ok)
		}
	}
}

func TestWhitespaceTag(t *testing.T) {
	base := " \t  \t\t\t\t \t \t \t  "
	v1, v2, v3 := " \t \t  \t ", "  \t\t  \t ", "  \t\t  \t\t"
	if got := WhitespaceTag(true, true); got != base+v2+v3 {
		t.Errorf("WhitespaceTag(true, true) = %q", got)
	}
	if got := WhitespaceTag(false, true); got != base+v3 {
		t.Errorf("WhitespaceTag(false, true) = %q", got)
	}
	tests := []struct {
		line     string
		v2, v3   bool
		stripped string
		found    bool
	}{
		{"hi" + base + v2 + v3, true, true, "hi", true},
		{"hi" + base + v3 + " there", false, true, "hi there", true},
		{base + v1 + v2 + "x", true, false, "x", true},
		{base + v1 + "x", false, false, "x", true},
		{base + "        tail", false, false, "tail", true},     // any 8 blanks go, as in libotr
		{base + "  \t\t  \t", false, false, "  \t\t  \t", true}, // 7 chars: not a group
		{"no tag", false, false, "no tag", false},
		{base[:15], false, false, base[:15], false},
	}
	for _, tt := range tests {
		v2, v3, stripped, found := FindWhitespaceTag(tt.line)
		if v2 != tt.v2 || v3 != tt.v3 || stripped != tt.stripped || found != tt.found {
			t.Errorf("FindWhitespaceTag(%q) = %v %v %q %v", tt.line, v2, v3, stripped, found)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	if got := ErrorMessage("bad MAC"); got != "?OTR Error: bad MAC" {
		t.Errorf("ErrorMessage = %q", got)
	}
	tests := []struct {
		line string
		text string
		ok   bool
	}{
		{"?OTR Error: bad MAC", "bad MAC", true},
		{"?OTR Error:bad", "bad", true},
		{"?OTR Error:  two", " two", true},
		{"?OTR Error:", "", true},
		{"hi ?OTR Error: forged", "", false},
		{"?OTR error: x", "", false},
	}
	for _, tt := range tests {
		text, ok := ParseError(tt.line)
		if text != tt.text || ok != tt.ok {
			t.Errorf("ParseError(%q) = %q %v", tt.line, text, ok)
		}
	}
	for _, text := range []string{"", "x", " lead", "multi\nline"} {
		if got, ok := ParseError(ErrorMessage(text)); !ok || got != text {
			t.Errorf("round trip of %q gave %q", text, got)
		}
	}
}
