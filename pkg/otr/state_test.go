package otr

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestStateRoundTripTOML: a session saved as TOML and restored continues
// exactly like the original (mid-AKE and established).
func TestStateRoundTripTOML(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	reload := func(e *convEndpoint) {
		t.Helper()
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(e.c.State); err != nil {
			t.Fatal(err)
		}
		var st State
		if _, err := toml.Decode(buf.String(), &st); err != nil {
			t.Fatalf("decode: %v\n%s", err, buf.String())
		}
		a, _ := json.Marshal(e.c.State)
		b, _ := json.Marshal(st)
		if !bytes.Equal(a, b) {
			t.Fatalf("TOML round trip changed the state:\n%s\n%s", a, b)
		}
		e.c = &Conversation{Config: e.c.Config, State: st}
	}
	lines := alice.c.Query().Messages
	for i := 0; len(lines) > 0; i++ {
		from, to := alice, bob
		if i%2 == 1 {
			from, to = bob, alice
		}
		reload(to)
		lines = to.receive(t, lines[0])
		_ = from
	}
	reload(alice)
	reload(bob)
	sendText(t, alice, bob, "saved and restored")
	reload(alice)
	reload(bob)
	sendText(t, bob, alice, "again")
}
