package otr

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// TestPadding: a padded message hides its length and still reads the same.
func TestPadding(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	short, _ := alice.c.Send("hi")
	padded, err := alice.c.SendWith("hi", SendOptions{Padding: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(padded.Messages[0]) < len(short.Messages[0])+600 { // base64 grows 4/3
		t.Fatalf("padded line %d characters, unpadded %d", len(padded.Messages[0]), len(short.Messages[0]))
	}
	pump(t, alice, bob, short.Messages)
	pump(t, alice, bob, padded.Messages)
	msgs := bob.take(EventMessage)
	if len(msgs) != 2 || msgs[1].Text != "hi" || msgs[1].TLVs[0].Type != TLVPadding {
		t.Fatalf("got %+v", msgs)
	}
}

// TestAutoHeartbeat: after a quiet period, receiving a message makes us
// send a heartbeat, which the peer reports and does not show.
func TestAutoHeartbeat(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	alice.c.Config.Now, bob.c.Config.Now = clock, clock
	establish(t, alice, bob)
	res, _ := alice.c.Send("first")
	if replies := bob.receive(t, res.Messages[0]); len(replies) != 0 {
		t.Fatalf("heartbeat sent right after the AKE: %q", replies)
	}
	now = now.Add(61 * time.Second)
	res, _ = alice.c.Send("after a minute")
	replies := bob.receive(t, res.Messages[0])
	if len(replies) != 1 {
		t.Fatalf("no heartbeat after 61 s of silence: %q", replies)
	}
	alice.receive(t, replies[0])
	if len(alice.take(EventHeartbeat)) != 1 || len(alice.take(EventMessage)) != 0 {
		t.Fatal("the heartbeat was not reported as one, or was shown")
	}
	bob.c.Config.HeartbeatInterval = -1
	now = now.Add(time.Hour)
	res, _ = alice.c.Send("disabled")
	if replies := bob.receive(t, res.Messages[0]); len(replies) != 0 {
		t.Fatal("heartbeat sent although disabled")
	}
}

// TestSMPAcrossSavedStates: an SMP run where every step happens in a new
// "invocation" restored from TOML, as the CLI does.
func TestSMPAcrossSavedStates(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	reload := func(e *convEndpoint) {
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(e.c.State); err != nil {
			t.Fatal(err)
		}
		var st State
		if _, err := toml.Decode(buf.String(), &st); err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(e.c.State)
		b, _ := json.Marshal(st)
		if !bytes.Equal(a, b) {
			t.Fatalf("SMP state changed in TOML:\n%s\n%s", a, b)
		}
		e.c = &Conversation{Config: e.c.Config, State: st}
	}
	res, _ := alice.c.StartSMP([]byte("secret"), "what?")
	reload(alice)
	lines := res.Messages
	for side := 0; len(lines) > 0; side++ {
		to := bob
		if side%2 == 1 {
			to = alice
		}
		lines = to.receive(t, lines[0])
		reload(to)
		if side == 0 {
			reqs := bob.take(EventSMPRequest)
			if len(reqs) != 1 || !bob.c.SMPRequestPending() || bob.c.State.SMP.Question != "what?" {
				t.Fatal("request lost across the save")
			}
			ans, err := bob.c.AnswerSMP([]byte("secret"))
			if err != nil {
				t.Fatal(err)
			}
			reload(bob)
			lines = ans.Messages
		}
	}
	if outcome(t, alice) != EventSMPSucceeded || outcome(t, bob) != EventSMPSucceeded {
		t.Fatal("SMP across saves failed")
	}
}
