package wire

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func checkFragmentMarker(t *testing.T, line string) {
	t.Helper()
	at := strings.Index(line, otrMarker)
	if at < 0 {
		return
	}
	want := strings.Contains(line, fragmentV3Marker) || strings.Contains(line, fragmentV2Marker)
	if got := hasFragmentMarker(line, at); got != want {
		t.Fatalf("%q: %v, want %v", line, got, want)
	}
}

// TestHasFragmentMarker: the one-pass check answers as the two searches
// did, for lines built from the pieces that matter, at random.
func TestHasFragmentMarker(t *testing.T) {
	pieces := []string{"?OTR", "?OTR:", "?OTR|", "?OTR,", "?", "|", ",", "OTR", "AAMD", "x", " ", "."}
	r := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(8); n >= 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkFragmentMarker(t, b.String())
	}
	for _, line := range []string{"?OTR", "?OTR|", "?OTR,", "?OTR:AAMD.?OTR|", "x?OTR?v3??OTR,", "?OTR:AAMDxyz."} {
		checkFragmentMarker(t, line)
	}
}

// FuzzHasFragmentMarker holds the one-pass check to the two searches.
func FuzzHasFragmentMarker(f *testing.F) {
	f.Add("?OTR:AAMD.")
	f.Add("?OTR|5c,1,2,abc,")
	f.Add("hi ?OTR? there ?OTR,1,2,x,")
	f.Fuzz(func(t *testing.T, line string) { checkFragmentMarker(t, line) })
}
