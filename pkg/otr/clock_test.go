package otr

import (
	"testing"
	"time"
)

// TestAutoHeartbeatRealClock: with the real clock (no Config.Now), the
// heartbeat follows LastSent whether it carries this process's monotonic
// reading (set by a send) or not (loaded from a saved state).
func TestAutoHeartbeatRealClock(t *testing.T) {
	alice, bob := newEndpoints(t, DefaultPolicy(), DefaultPolicy())
	establish(t, alice, bob)
	const iv = time.Hour
	bob.c.Config.HeartbeatInterval = iv
	for _, c := range []struct {
		name     string
		lastSent time.Time
		want     bool
	}{
		{"just sent", time.Now(), false},
		{"sent long ago", time.Now().Add(-iv - time.Minute), true},
		{"saved, recent", time.Now().Round(0), false},
		{"saved, long ago", time.Now().Add(-iv - time.Minute).Round(0), true},
		{"saved, in the future", time.Now().Add(iv).Round(0), false},
	} {
		bob.c.State.LastSent = c.lastSent
		res, err := alice.c.Send("hello")
		if err != nil {
			t.Fatal(err)
		}
		replies := bob.receive(t, res.Messages[0])
		if sent := len(replies) > 0; sent != c.want {
			t.Errorf("%s: heartbeat sent %v, want %v", c.name, sent, c.want)
		}
	}
}
