package wire

import (
	"errors"
	"strings"
	"testing"
)

func frag(k, n uint16, piece string) Fragment {
	return Fragment{Version: 3, SenderTag: 0x100, K: k, N: n, Piece: piece}
}

// step is one Add and what must come out of it.
type step struct {
	f        Fragment
	msg      string
	complete bool
	err      error
	after    Assembler
}

func TestAssemblerRules(t *testing.T) {
	tests := []struct {
		name  string
		start Assembler
		steps []step
	}{
		{"in order", Assembler{}, []step{
			{f: frag(1, 3, "a"), after: Assembler{1, 3, "a"}},
			{f: frag(2, 3, "b"), after: Assembler{2, 3, "ab"}},
			{f: frag(3, 3, "c"), msg: "abc", complete: true},
		}},
		{"single piece", Assembler{}, []step{{f: frag(1, 1, "x"), msg: "x", complete: true}}},
		{"k==1 restarts", Assembler{2, 3, "ab"}, []step{{f: frag(1, 2, "z"), after: Assembler{1, 2, "z"}}}},
		{"gap forgets", Assembler{1, 3, "a"}, []step{{f: frag(3, 3, "c")}}},
		{"repeated first piece restarts", Assembler{1, 3, "a"}, []step{{f: frag(1, 3, "a"), after: Assembler{1, 3, "a"}}, {f: frag(1, 3, "a"), after: Assembler{1, 3, "a"}}}},
		{"other n forgets", Assembler{1, 3, "a"}, []step{{f: frag(2, 4, "b")}}},
		{"stray piece on empty", Assembler{}, []step{{f: frag(2, 3, "b")}}},
		{"illegal k==0 keeps state", Assembler{1, 3, "a"}, []step{{f: frag(0, 3, "b"), err: ErrMalformed, after: Assembler{1, 3, "a"}}}},
		{"illegal k>n keeps state", Assembler{1, 3, "a"}, []step{{f: frag(4, 3, "b"), err: ErrMalformed, after: Assembler{1, 3, "a"}}}},
		{"illegal n==0 keeps state", Assembler{1, 3, "a"}, []step{{f: frag(1, 0, "b"), err: ErrMalformed, after: Assembler{1, 3, "a"}}}},
	}
	for _, tt := range tests {
		a := tt.start
		for i, s := range tt.steps {
			msg, complete, err := a.Add(s.f)
			if msg != s.msg || complete != s.complete || !errors.Is(err, s.err) || (s.err == nil && err != nil) || a != s.after {
				t.Errorf("%s step %d: got %q %v %v state %+v", tt.name, i, msg, complete, err, a)
			}
		}
	}
}

func TestAssemblerBounded(t *testing.T) {
	var a Assembler
	big := strings.Repeat("A", MaxMessageSize/2)
	if _, _, err := a.Add(frag(1, 3, big)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Add(frag(2, 3, big)); err != nil {
		t.Fatal(err)
	}
	_, complete, err := a.Add(frag(3, 3, "A"))
	if !errors.Is(err, ErrTooLarge) || complete || a != (Assembler{}) {
		t.Errorf("over the limit: complete=%v err=%v K=%d N=%d len=%d", complete, err, a.K, a.N, len(a.Buffer))
	}
	if _, _, err := a.Add(frag(1, 1, big+big+"A")); !errors.Is(err, ErrTooLarge) || a != (Assembler{}) {
		t.Errorf("oversized first piece: %v", err)
	}
	if msg, ok, err := a.Add(frag(1, 1, big+big)); err != nil || !ok || len(msg) != MaxMessageSize {
		t.Errorf("exactly the limit: %v %v", ok, err)
	}
}

func TestAssemblerReset(t *testing.T) {
	a := Assembler{2, 3, "ab"}
	a.Reset()
	if a != (Assembler{}) {
		t.Errorf("Reset left %+v", a)
	}
}
