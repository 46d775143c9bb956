package main

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestPresetListIsCurrent: the written-out list of presets is every entry
// of fragmentPresets, name and size, in name order.
func TestPresetListIsCurrent(t *testing.T) {
	var names []string
	for n, size := range fragmentPresets {
		names = append(names, fmt.Sprintf("%s (%d)", n, size))
	}
	sort.Strings(names)
	if want := strings.Join(names, ", "); presetList() != want {
		t.Errorf("presetNames = %q, want %q", presetList(), want)
	}
}
