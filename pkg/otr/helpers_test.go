package otr

import (
	"bufio"
	"encoding/json"
	"math/big"
	"os"
	"strings"
	"sync"
	"testing"
)

var (
	testKeysOnce sync.Once
	testKeys     map[string]*PrivateKey
)

// testKey loads one of the fixed DSA keys in testdata (generating DSA
// parameters takes seconds, so tests share these).
func testKey(t testing.TB, name string) *PrivateKey {
	t.Helper()
	testKeysOnce.Do(func() {
		testKeys = map[string]*PrivateKey{}
		for _, n := range []string{"alice", "bob", "carol"} {
			k, err := readTestKey("../../internal/testkeys/key-" + n + ".txt")
			if err != nil {
				panic(err)
			}
			testKeys[n] = k
		}
	})
	return testKeys[name]
}

func readTestKey(path string) (*PrivateKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v := map[string]*big.Int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, hex, _ := strings.Cut(sc.Text(), "=")
		v[name], _ = new(big.Int).SetString(hex, 16)
	}
	return NewPrivateKey(v["p"], v["q"], v["g"], v["x"])
}

// newTestConversation makes a conversation for one of the test identities.
func newTestConversation(t testing.TB, name string, tag uint32, p Policy) *Conversation {
	return NewConversation(Config{PrivateKey: testKey(t, name), InstanceTag: tag, Policy: p})
}

// endpoint is one side of an in-memory transport between two parties.
type endpoint interface {
	receive(t testing.TB, line string) []string
}

type convEndpoint struct {
	c      *Conversation
	events []Event
}

func (e *convEndpoint) receive(t testing.TB, line string) []string {
	t.Helper()
	res, err := e.c.Receive(line)
	if err != nil {
		t.Fatalf("Receive(%.60q): %v", line, err)
	}
	e.events = append(e.events, res.Events...)
	return res.Messages
}

func (e *convEndpoint) take(kind EventKind) []Event {
	var out, rest []Event
	for _, ev := range e.events {
		if ev.Kind == kind {
			out = append(out, ev)
		} else {
			rest = append(rest, ev)
		}
	}
	e.events = rest
	return out
}

// pump delivers lines from a to b, and every reply back, until both are quiet.
func pump(t testing.TB, a, b endpoint, lines []string) {
	t.Helper()
	for i := 0; len(lines) > 0; i++ {
		if i > 50 {
			t.Fatal("pump: the two sides never went quiet")
		}
		var replies []string
		for _, l := range lines {
			replies = append(replies, b.receive(t, l)...)
		}
		a, b, lines = b, a, replies
	}
}

func marshalState(t testing.TB, st State) string {
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func cloneState(t testing.TB, st State) State {
	var out State
	if err := json.Unmarshal([]byte(marshalState(t, st)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// fragmentOnly: the spec makes any fragment, even a bad one, reset the
// reassembly buffer, so such lines may change the fragment state.
func fragmentOnly(line string) bool {
	return strings.Contains(line, "?OTR|") || strings.Contains(line, "?OTR,")
}
