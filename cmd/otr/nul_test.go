package main

import (
	"slices"
	"strings"
	"testing"
)

func TestEachRecord(t *testing.T) {
	for in, want := range map[string][]string{
		"":              nil,
		"a":             {"a"},
		"a\x00b":        {"a", "b"},
		"a\x00b\x00":    {"a", "b"},
		"a\nb\r\n\x00c": {"a\nb\r\n", "c"},
		"\x00":          {""},
		"a\x00\x00b":    {"a", "", "b"},
	} {
		var got []string
		err := eachRecord(strings.NewReader(in), func(s string) error { got = append(got, s); return nil })
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("eachRecord(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
