package wire

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The committed FuzzDecode corpus must hold a valid message of every type
// in both versions, so fuzzing starts from real messages.
func TestDecodeCorpusCoversEveryType(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzDecode", "*"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[Header]bool{}
	for _, name := range files {
		m, err := Decode(readByteSeed(t, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		seen[Header{Version: m.Hdr().Version, Type: m.Hdr().Type}] = true
	}
	for _, v := range []uint16{2, 3} {
		for _, typ := range []byte{TypeDHCommit, TypeDHKey, TypeRevealSig, TypeSig, TypeData} {
			if !seen[Header{Version: v, Type: typ}] {
				t.Errorf("no v%d message of type 0x%02x in the corpus", v, typ)
			}
		}
	}
}

// readByteSeed reads a one-value "go test fuzz v1" file holding []byte("...").
func readByteSeed(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 2 || lines[0] != "go test fuzz v1" {
		t.Fatalf("%s: not a one-value fuzz seed", name)
	}
	lit, ok := strings.CutPrefix(lines[1], "[]byte(")
	lit, ok2 := strings.CutSuffix(lit, ")")
	s, err := strconv.Unquote(lit)
	if !ok || !ok2 || err != nil {
		t.Fatalf("%s: bad []byte literal: %v", name, err)
	}
	return []byte(s)
}
