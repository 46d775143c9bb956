package main

import (
	"slices"
	"strings"
	"testing"
)

// TestRejoined: a fragment a line transport broke at line breaks is put
// back together; anything else passes through one line at a time, and
// giving up hands on the held lines as they came.
func TestRejoined(t *testing.T) {
	many := []string{"?OTR,1,2,a"}
	for i := 0; i < maxBrokenLines; i++ {
		many = append(many, "more")
	}
	for _, tc := range []struct {
		in, want []string
	}{
		{[]string{"?OTR,1,2,abc", "def,", "x"}, []string{"?OTR,1,2,abc\ndef,", "x"}},
		{[]string{"?OTR,1,2,a", "", "b", "c,"}, []string{"?OTR,1,2,a\n\nb\nc,"}},
		{[]string{"?OTR,2,3,r, you do", "If you are", "See <a hre,"}, []string{"?OTR,2,3,r, you do\nIf you are\nSee <a hre,"}},
		{[]string{"?OTR,1,2,abc", "?OTR,1,1,z,"}, []string{"?OTR,1,2,abc", "?OTR,1,1,z,"}},
		{[]string{"?OTR,1,2,abc", "plain"}, []string{"?OTR,1,2,abc", "plain"}},
		// An OTR message after a broken fragment is not glued into it
		// (the old code held data messages until a line ending in a
		// comma, then handed them on inside the fragment's piece: lost).
		{[]string{"?OTR,1,2,abc", "?OTR:AAMD.", "?OTR:AAME.", "bye,"}, []string{"?OTR,1,2,abc", "?OTR:AAMD.", "?OTR:AAME.", "bye,"}},
		{[]string{"?OTR,1,2,abc", "def", "?OTR Error: x"}, []string{"?OTR,1,2,abc", "def", "?OTR Error: x"}},
		{[]string{"hello", "?OTR,1,1,x,", "?OTR,0,1,x"}, []string{"hello", "?OTR,1,1,x,", "?OTR,0,1,x"}},
		{append(many, "end,"), append(slices.Clone(many), "end,")},
	} {
		s := &session{}
		var got []string
		fn := func(line string) error { got = append(got, line); return nil }
		for _, l := range tc.in {
			if err := s.rejoined(l, fn); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.rejoined(endOfInput, fn); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", strings.Join(tc.in, "|"), got, tc.want)
		}
	}
}
