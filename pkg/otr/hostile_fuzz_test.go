package otr

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// akeFuzzStates are the fixtures FuzzReceiveDuringAKE picks from.
var akeFuzzStates = []struct {
	version int
	state   string
}{
	{3, "awaiting_dhkey"}, {3, "awaiting_revealsig"}, {3, "awaiting_sig"},
	{2, "awaiting_dhkey"}, {2, "awaiting_revealsig"}, {2, "awaiting_sig"},
}

// FuzzReceiveDuringAKE feeds arbitrary lines to a conversation in each AKE
// state (v2 and v3): no input may panic, an error always comes with an
// error event, a rejected line leaves the state alone, and a session can
// only ever come up with the honest peer's key.
func FuzzReceiveDuringAKE(f *testing.F) {
	var fx []*fixture
	for i, s := range akeFuzzStates {
		fx = append(fx, getFixture(f, s.version, s.state))
		f.Add(uint8(i), fx[i].next)
		for _, m := range foreign(f, s.version).all() {
			f.Add(uint8(i), m.line)
		}
	}
	peerKey := testKey(f, "alice").PublicKey.Serialize()
	f.Fuzz(func(t *testing.T, which uint8, line string) {
		g := fx[int(which)%len(fx)].clone(t)
		g.victim.Config.Policy.ErrorStartAKE = false
		d := deliver(t, g.victim, line)
		if d.err != nil && !d.hasEvent(EventError) {
			t.Fatalf("error %v without an error event", d.err)
		}
		if d.err != nil && d.before != d.after && !fragmentOnly(line) {
			t.Fatalf("rejected line changed the state")
		}
		if g.victim.State.MsgState == MsgEncrypted && !bytes.Equal(g.victim.State.TheirPublicKey, peerKey) {
			t.Fatal("a session came up with a key other than the peer's")
		}
	})
}

// The committed FuzzReceive corpus must hold real lines of every kind:
// query, error, plaintext, tagged plaintext, every encoded message type
// of both versions, and fragments of both versions.
func TestFuzzReceiveCorpusCoversEveryKind(t *testing.T) {
	seen := map[string]bool{}
	for _, line := range readStringSeeds(t, "FuzzReceive") {
		seen[corpusKind(line)] = true
	}
	want := []string{"query", "error", "plaintext", "tagged plaintext", "fragment v2", "fragment v3"}
	for _, v := range []string{"2", "3"} {
		for _, typ := range []string{"02", "0a", "11", "12", "03"} {
			want = append(want, "v"+v+" type "+typ)
		}
	}
	for _, k := range want {
		if !seen[k] {
			t.Errorf("no %s line in testdata/fuzz/FuzzReceive", k)
		}
	}
}

// corpusKind names a line's kind, with version and type for encoded ones.
func corpusKind(line string) string {
	switch k := wire.Classify(line); k {
	case wire.KindEncoded:
		bin, err := wire.DecodeMessage(line)
		if err != nil {
			return "bad"
		}
		m, err := wire.Decode(bin)
		if err != nil {
			return "bad"
		}
		h := m.Hdr()
		return "v" + strconv.Itoa(int(h.Version)) + " type " + strconv.FormatUint(uint64(h.Type)+0x100, 16)[1:]
	case wire.KindFragment:
		if strings.Contains(line, "?OTR|") {
			return "fragment v3"
		}
		return "fragment v2"
	default:
		return k.String()
	}
}

// readStringSeeds reads the last string value of every seed file of a target.
func readStringSeeds(t *testing.T, target string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus for %s: %v", target, err)
	}
	var out []string
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		lit, ok := strings.CutPrefix(lines[len(lines)-1], "string(")
		lit, ok2 := strings.CutSuffix(lit, ")")
		s, err := strconv.Unquote(lit)
		if lines[0] != "go test fuzz v1" || !ok || !ok2 || err != nil {
			t.Fatalf("%s: not a fuzz seed ending in a string: %v", name, err)
		}
		out = append(out, s)
	}
	return out
}
