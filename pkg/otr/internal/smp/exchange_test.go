package smp

import (
	"bytes"
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

var (
	fpAlice = bytes.Repeat([]byte{0xa1}, 20)
	fpBob   = bytes.Repeat([]byte{0xb0}, 20)
	ssid    = []byte{1, 2, 3, 4, 5, 6, 7, 8}
)

// secrets returns Alice's and Bob's x and y; Alice initiates, so both put
// her fingerprint first.
func secrets(aliceSays, bobSays string) (x, y []byte) {
	return Secret(fpAlice, fpBob, ssid, []byte(aliceSays)), Secret(fpAlice, fpBob, ssid, []byte(bobSays))
}

// step is one hop of an exchange; persist may replace a State between hops.
type exchange struct {
	t       testing.TB
	persist func(testing.TB, *State) *State
}

func (e exchange) keep(s *State) *State {
	if e.persist == nil {
		return s
	}
	return e.persist(e.t, s)
}

// run plays a whole exchange and returns both outcomes.
func (e exchange) run(alice, bob *State, x, y []byte) (Outcome, Outcome) {
	t := e.t
	t.Helper()
	msg1, err := alice.Start(nil, x)
	must(t, err, "Start")
	alice = e.keep(alice)
	_, typ, out, err := bob.Receive(TypeMsg1, msg1)
	must(t, err, "receive message 1")
	if out != Request || typ != 0 || !bob.AwaitingAnswer() {
		t.Fatalf("message 1: outcome %v type %d awaiting %v", out, typ, bob.AwaitingAnswer())
	}
	bob = e.keep(bob)
	msg2, err := bob.Answer(nil, y)
	must(t, err, "Answer")
	bob = e.keep(bob)
	msg3, typ, out, err := alice.Receive(TypeMsg2, msg2)
	must(t, err, "receive message 2")
	if out != None || typ != TypeMsg3 {
		t.Fatalf("message 2: outcome %v type %d", out, typ)
	}
	alice = e.keep(alice)
	msg4, typ, bobOut, err := bob.Receive(TypeMsg3, msg3)
	must(t, err, "receive message 3")
	if typ != TypeMsg4 {
		t.Fatalf("message 3: reply type %d", typ)
	}
	bob = e.keep(bob)
	reply, typ, aliceOut, err := alice.Receive(TypeMsg4, msg4)
	must(t, err, "receive message 4")
	if reply != nil || typ != 0 {
		t.Fatalf("message 4 produced a reply of type %d", typ)
	}
	if alice.InProgress() || bob.InProgress() {
		t.Fatal("still in progress after message 4")
	}
	return aliceOut, bobOut
}

func must(t testing.TB, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestExchangeOutcomes(t *testing.T) {
	tests := []struct {
		name           string
		aliceSays, bob string
		want           Outcome
	}{
		{"same secret", "correct horse", "correct horse", Succeeded},
		{"different secret", "correct horse", "battery staple", Failed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, y := secrets(tc.aliceSays, tc.bob)
			a, b := exchange{t: t}.run(&State{}, &State{}, x, y)
			if a != tc.want || b != tc.want {
				t.Fatalf("outcomes alice %v bob %v, want %v", a, b, tc.want)
			}
		})
	}
}

func TestExchangeRestartsAfterCompletion(t *testing.T) {
	alice, bob := &State{}, &State{}
	x, y := secrets("one", "two")
	if a, b := (exchange{t: t}).run(alice, bob, x, y); a != Failed || b != Failed {
		t.Fatalf("first run: %v %v", a, b)
	}
	// Roles swap and the secrets now agree: the same States run again.
	x2 := Secret(fpBob, fpAlice, ssid, []byte("two"))
	if a, b := (exchange{t: t}).run(bob, alice, x2, x2); a != Succeeded || b != Succeeded {
		t.Fatalf("second run: %v %v", a, b)
	}
}

func jsonCopy(t testing.TB, s *State) *State {
	t.Helper()
	data, err := json.Marshal(s)
	must(t, err, "json.Marshal")
	out := &State{}
	must(t, json.Unmarshal(data, out), "json.Unmarshal")
	if !reflect.DeepEqual(out, s) {
		t.Fatalf("JSON round trip changed the state:\n%s", data)
	}
	return out
}

func tomlCopy(t testing.TB, s *State) *State {
	t.Helper()
	var buf strings.Builder
	must(t, toml.NewEncoder(&buf).Encode(s), "toml encode")
	out := &State{}
	_, err := toml.Decode(buf.String(), out)
	must(t, err, "toml decode")
	if !reflect.DeepEqual(out, s) {
		t.Fatalf("TOML round trip changed the state:\n%s", buf.String())
	}
	return out
}

func TestExchangeSurvivesPersistenceAfterEveryStep(t *testing.T) {
	for name, persist := range map[string]func(testing.TB, *State) *State{"json": jsonCopy, "toml": tomlCopy} {
		t.Run(name, func(t *testing.T) {
			x, y := secrets("same", "same")
			a, b := exchange{t: t, persist: persist}.run(&State{}, &State{}, x, y)
			if a != Succeeded || b != Succeeded {
				t.Fatalf("outcomes %v %v", a, b)
			}
		})
	}
}

func TestSecretOrderAndLayout(t *testing.T) {
	x := Secret(fpAlice, fpBob, ssid, []byte("s"))
	if bytes.Equal(x, Secret(fpBob, fpAlice, ssid, []byte("s"))) {
		t.Fatal("swapping the fingerprints must change the secret")
	}
	if bytes.Equal(x, Secret(fpAlice, fpBob, ssid, []byte("t"))) {
		t.Fatal("the user secret must change the secret")
	}
	if len(x) != 32 {
		t.Fatalf("secret is %d bytes, want 32", len(x))
	}
}

func TestAbortAndGuards(t *testing.T) {
	alice, bob := &State{}, &State{}
	x, y := secrets("a", "a")
	msg1, err := alice.Start(nil, x)
	must(t, err, "Start")
	if _, err := alice.Start(nil, x); err == nil {
		t.Fatal("second Start while in progress succeeded")
	}
	if _, err := bob.Answer(nil, y); err == nil {
		t.Fatal("Answer without a request succeeded")
	}
	if _, _, out, err := bob.Receive(TypeMsg1Q, msg1); err != nil || out != Request {
		t.Fatalf("message 1Q: %v %v", out, err)
	}
	if _, err := bob.Start(nil, y); err == nil {
		t.Fatal("Start while awaiting an answer succeeded")
	}
	_, typ, out, err := bob.Receive(TypeAbort, nil)
	if err != nil || out != Aborted || typ != 0 || bob.InProgress() {
		t.Fatalf("peer abort: outcome %v type %d err %v in progress %v", out, typ, err, bob.InProgress())
	}
	alice.Abort()
	if alice.InProgress() || alice.Secret != nil || alice.X3 != nil {
		t.Fatal("Abort kept the exchange or its secrets")
	}
	if _, _, out, err := alice.Receive(99, nil); err == nil || out != None {
		t.Fatalf("unknown TLV type: %v %v", out, err)
	}
}

// TestNumText checks the hex text form, including the absent value.
func TestNumText(t *testing.T) {
	for _, n := range []Num{nil, {0}, {0, 1}, Num(big.NewInt(1234567).Bytes())} {
		text, _ := n.MarshalText()
		var back Num
		must(t, back.UnmarshalText(text), "UnmarshalText")
		if !bytes.Equal(back, n) || (n == nil) != (back == nil) {
			t.Errorf("Num %x came back as %x", n, back)
		}
	}
	var bad Num
	if bad.UnmarshalText([]byte("zz")) == nil {
		t.Error("bad hex accepted")
	}
}
