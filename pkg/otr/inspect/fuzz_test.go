package inspect

import (
	"encoding/json"
	"testing"
)

// FuzzInspect: no input makes the parser, the decryption, the text
// rendering or the JSON encoding panic. Seeds are real lines (and the
// committed corpus in testdata/fuzz holds real and broken ones).
func FuzzInspect(f *testing.F) {
	s, _, _ := run(f, 120)
	for _, l := range s.lines {
		f.Add(l.line)
	}
	keys := s.history
	keys.AddAES(make([]byte, 16))
	f.Fuzz(func(t *testing.T, line string) {
		p := Parser{Keys: keys}
		for range 2 { // twice, so fragments meet a non-empty buffer
			m := p.Parse(line)
			_ = Format(m)
			if _, err := json.Marshal(m); err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if m.Kind == "" {
				t.Fatal("no kind")
			}
		}
		_, _ = ReadForge(line, make([]byte, 16), ForgeOptions{})
		_, _ = Modify(line, make([]byte, 20), "a", "b", 0)
	})
}
