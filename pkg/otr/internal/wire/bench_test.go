package wire

import (
	"strings"
	"testing"
)

func BenchmarkDecodeData(b *testing.B) {
	bin := sampleMessages()[9].Marshal()
	for b.Loop() {
		if _, err := Decode(bin); err != nil {
			b.Fatal(err)
		}
	}
}

// Worst case for the Assembler: a maximal message in pieces of about 64
// characters. Each Add copies the buffer (Buffer is a string, saved as is),
// so this is quadratic, but at most ~256 KiB of copying per
// received line. Realistic limits (400+ characters) are far cheaper.
func BenchmarkAssembleMaxMessage(b *testing.B) {
	lines, err := Fragmentize(strings.Repeat("A", MaxMessageSize), 3, 0x100, 0x100, 100)
	if err != nil {
		b.Fatal(err)
	}
	frags := make([]Fragment, len(lines))
	for i, l := range lines {
		if frags[i], err = ParseFragment(l); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		var a Assembler
		for _, f := range frags {
			if _, _, err := a.Add(f); err != nil {
				b.Fatal(err)
			}
		}
	}
}
