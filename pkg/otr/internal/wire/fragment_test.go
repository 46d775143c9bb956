package wire

import (
	"errors"
	"strings"
	"testing"
)

func TestParseFragment(t *testing.T) {
	tests := []struct {
		line string
		want Fragment
	}{
		{"?OTR|5a73a599|27e31597,00001,00003,?OTR:AAMD,", Fragment{Version: 3, SenderTag: 0x5a73a599, ReceiverTag: 0x27e31597, K: 1, N: 3, Piece: "?OTR:AAMD"}},
		{"?OTR|100|0,2,3,x,", Fragment{Version: 3, SenderTag: 0x100, K: 2, N: 3, Piece: "x"}},
		{"?OTR|ABCDEF01|0,1,1,x,trailing", Fragment{Version: 3, SenderTag: 0xabcdef01, K: 1, N: 1, Piece: "x"}},
		{"?OTR,00002,00002,piece,", Fragment{Version: 2, K: 2, N: 2, Piece: "piece"}},
		{"?OTR,65535,65535,p,", Fragment{Version: 2, K: 65535, N: 65535, Piece: "p"}},
		{"?OTR,0000001,1,p,", Fragment{Version: 2, K: 1, N: 1, Piece: "p"}},
		{"prefix ?OTR,1,1,p,", Fragment{Version: 2, K: 1, N: 1, Piece: "p"}},
	}
	for _, tt := range tests {
		got, err := ParseFragment(tt.line)
		if err != nil || got != tt.want {
			t.Errorf("ParseFragment(%q) = %+v, %v", tt.line, got, err)
		}
	}
}

func TestParseFragmentRejects(t *testing.T) {
	for _, line := range []string{
		"?OTR,0,1,p,",             // k == 0
		"?OTR,1,0,p,",             // n == 0
		"?OTR,3,2,p,",             // k > n
		"?OTR,65536,65536,p,",     // > 65535
		"?OTR,1,99999999999,p,",   // overflow
		"?OTR,1,1,,",              // empty piece
		"?OTR,1,1,p",              // missing trailing comma
		"?OTR,1,1",                // no piece
		"?OTR,,1,p,",              // empty k
		"?OTR,+1,1,p,",            // sign
		"?OTR, 1,1,p,",            // space
		"?OTR|xyz|0,1,1,p,",       // bad hex
		"?OTR||0,1,1,p,",          // empty tag
		"?OTR|123456789|0,1,1,p,", // 9 hex digits
		"?OTR|100,1,1,p,",         // one tag only
		"?OTR|100|100",            // truncated
		"?OTR|",                   // bare marker
		"?OTR,",                   // bare marker
		"?OTRv23?",                // not a fragment
		"",
	} {
		if _, err := ParseFragment(line); !errors.Is(err, ErrMalformed) {
			t.Errorf("ParseFragment(%q): err = %v, want ErrMalformed", line, err)
		}
	}
}

func TestFragmentString(t *testing.T) {
	tests := []struct {
		f    Fragment
		want string
	}{
		{Fragment{Version: 3, SenderTag: 0x100, ReceiverTag: 0, K: 1, N: 12, Piece: "abc"}, "?OTR|00000100|00000000,00001,00012,abc,"},
		{Fragment{Version: 2, K: 7, N: 65535, Piece: "z"}, "?OTR,00007,65535,z,"},
	}
	for _, tt := range tests {
		got := tt.f.String()
		back, err := ParseFragment(got)
		if got != tt.want || err != nil || back != tt.f {
			t.Errorf("%+v: String = %q, parsed back %+v, %v", tt.f, got, back, err)
		}
	}
}

func TestFragmentize(t *testing.T) {
	msg := EncodeMessage(seq(0, 300))
	for _, version := range []int{2, 3} {
		for _, maxSize := range []int{60, 100, 150, 399, len(msg) - 1} {
			lines, err := Fragmentize(msg, version, 0x1234, 0x5678, maxSize)
			if err != nil {
				t.Fatalf("v%d max %d: %v", version, maxSize, err)
			}
			if got := reassemble(t, lines, version); got != msg {
				t.Errorf("v%d max %d: reassembled %q", version, maxSize, got)
			}
			for i, l := range lines {
				if len(l) > maxSize || (i < len(lines)-1 && len(l) != maxSize) {
					t.Errorf("v%d max %d: line %d has %d characters", version, maxSize, i, len(l))
				}
			}
		}
	}
}

func reassemble(t *testing.T, lines []string, version int) string {
	t.Helper()
	var a Assembler
	for i, l := range lines {
		f, err := ParseFragment(l)
		if err != nil || f.Version != version {
			t.Fatalf("line %d %q: %+v %v", i, l, f, err)
		}
		msg, complete, err := a.Add(f)
		if err != nil || complete != (i == len(lines)-1) {
			t.Fatalf("line %d: complete=%v err=%v", i, complete, err)
		}
		if complete {
			return msg
		}
	}
	return ""
}

func TestFragmentizeEdges(t *testing.T) {
	short := "?OTR:AAMD."
	if lines, err := Fragmentize(short, 3, 1, 2, len(short)); err != nil || len(lines) != 1 || lines[0] != short {
		t.Errorf("fitting message: %q %v", lines, err)
	}
	if lines, err := Fragmentize(short, 3, 1, 2, 0); err != nil || len(lines) != 1 {
		t.Errorf("no limit: %q %v", lines, err)
	}
	tests := []struct {
		name    string
		msg     string
		version int
		maxSize int
		is      error
	}{
		{"v3 header fills the line", strings.Repeat("A", 100), 3, 36, nil},
		{"v2 header fills the line", strings.Repeat("A", 100), 2, 18, nil},
		{"too many pieces", strings.Repeat("A", 65536), 2, 19, ErrTooLarge},
		{"comma", strings.Repeat("a,", 30), 2, 30, nil},
		{"v3 marker in v2 piece", "?OTR|" + strings.Repeat("A", 100), 2, 50, nil},
		{"version 1", strings.Repeat("A", 100), 1, 50, nil},
	}
	for _, tt := range tests {
		_, err := Fragmentize(tt.msg, tt.version, 1, 2, tt.maxSize)
		if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	if lines, err := Fragmentize(strings.Repeat("A", 65535), 2, 0, 0, 19); err != nil || len(lines) != 65535 {
		t.Errorf("65535 pieces of 1: %d lines, %v", len(lines), err)
	}
}

// Lines produced by libotr 4.1.1's otrl_proto_fragment_create (run locally
// with tags 0x1234/0xabcdef01). libotr's lines are one shorter than its
// max_message_size, so Fragmentize with maxSize-1 must give the same lines.
func TestFragmentizeMatchesLibotr(t *testing.T) {
	tests := []struct {
		version int
		mms     int
		msg     string
		want    []string
	}{
		{3, 60, "?OTR:AAMDJ+MVmSfjFZcAAAAAAQAAAAIAAADA1g5IjD1ZGLDVQEyCgCyn9hb.", []string{
			"?OTR|00001234|abcdef01,00001,00003,?OTR:AAMDJ+MVmSfjFZcAAA,",
			"?OTR|00001234|abcdef01,00002,00003,AAAQAAAAIAAADA1g5IjD1ZG,",
			"?OTR|00001234|abcdef01,00003,00003,LDVQEyCgCyn9hb.,",
		}},
		{2, 40, "?OTR:AAIDJ+MVmSfjFZcAAAAAAQAAAAIAAADA1g5.", []string{
			"?OTR,00001,00002,?OTR:AAIDJ+MVmSfjFZcA,",
			"?OTR,00002,00002,AAAAAQAAAAIAAADA1g5.,",
		}},
	}
	for _, tt := range tests {
		got, err := Fragmentize(tt.msg, tt.version, 0x1234, 0xabcdef01, tt.mms-1)
		if err != nil || strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("v%d mms %d: got %q, %v", tt.version, tt.mms, got, err)
		}
	}
}
