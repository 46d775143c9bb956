package otr

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// libEndpoint is libotr 4.1.1, through the test helper, as the peer.
type libEndpoint struct {
	p      *libotrpeer.Peer
	events []libotrpeer.Event
	shown  []string
}

func (l *libEndpoint) receive(t testing.TB, line string) []string {
	t.Helper()
	out := l.p.Receive(line)
	l.collect(out)
	return out.Wire
}

func (l *libEndpoint) collect(out libotrpeer.Output) {
	l.events = append(l.events, out.Events...)
	if out.Shown != "" {
		l.shown = append(l.shown, out.Shown)
	}
}

func (l *libEndpoint) has(kind string) bool {
	for _, e := range l.events {
		if e.Kind == kind {
			return true
		}
	}
	return false
}

func (l *libEndpoint) lastShown(t *testing.T) string {
	t.Helper()
	if len(l.shown) == 0 {
		t.Fatal("libotr showed nothing")
	}
	return l.shown[len(l.shown)-1]
}

type libCase struct {
	name      string
	ourPolicy Policy
	libPolicy string
	version   int
}

var libCases = []libCase{
	{"v3", DefaultPolicy(), "v2,v3", 3},
	{"v2", Policy{AllowV2: true}, "v2", 2},
}

// startLib sets up our conversation and a libotr peer and runs the AKE,
// started by us or by libotr.
func startLib(t *testing.T, tc libCase, weStart bool, fragmentSize int) (*convEndpoint, *libEndpoint) {
	t.Helper()
	lib := &libEndpoint{p: libotrpeer.Start(t, libotrpeer.Options{Policy: tc.libPolicy, FragmentSize: fragmentSize})}
	us := &convEndpoint{c: newTestConversation(t, "alice", 0x1234, tc.ourPolicy)}
	us.c.Config.FragmentSize = fragmentSize
	if weStart {
		pump(t, us, lib, us.c.Query().Messages)
	} else {
		q := lib.p.Query()
		lib.collect(q)
		pump(t, lib, us, q.Wire)
	}
	st := lib.p.Status()
	if us.c.State.MsgState != MsgEncrypted || st.MsgState != "encrypted" {
		t.Fatalf("after AKE: ours %s, libotr %s", us.c.State.MsgState, st.MsgState)
	}
	if us.c.State.Version != tc.version || st.Version != tc.version {
		t.Fatalf("versions: ours %d, libotr %d, want %d", us.c.State.Version, st.Version, tc.version)
	}
	if st.SSID != hex.EncodeToString(us.c.State.SSID) {
		t.Fatalf("SSIDs differ: libotr %s, ours %x", st.SSID, us.c.State.SSID)
	}
	if st.TheirFingerprint != hex.EncodeToString(us.c.Config.PrivateKey.Fingerprint()) {
		t.Fatalf("libotr sees fingerprint %s", st.TheirFingerprint)
	}
	secure := us.take(EventSecure)
	if len(secure) != 1 || hex.EncodeToString(secure[0].Fingerprint) != lib.p.Fingerprint() {
		t.Fatalf("secure events %+v; libotr's fingerprint %s", secure, lib.p.Fingerprint())
	}
	if tc.version == 3 && us.c.State.TheirInstance != lib.p.InstanceTag() {
		t.Fatalf("their instance %#x, libotr's %#x", us.c.State.TheirInstance, lib.p.InstanceTag())
	}
	return us, lib
}

func sendToLib(t *testing.T, us *convEndpoint, lib *libEndpoint, text string) {
	t.Helper()
	res, err := us.c.Send(text)
	if err != nil {
		t.Fatal(err)
	}
	pump(t, us, lib, res.Messages)
	if got := lib.lastShown(t); got != text {
		t.Fatalf("libotr showed %.50q, want %.50q", got, text)
	}
}

func sendFromLib(t *testing.T, lib *libEndpoint, us *convEndpoint, text string) {
	t.Helper()
	out := lib.p.Send(text)
	lib.collect(out)
	pump(t, lib, us, out.Wire)
	msgs := us.take(EventMessage)
	if len(msgs) != 1 || msgs[0].Text != text || !msgs[0].Encrypted {
		t.Fatalf("we showed %+v, want encrypted %.50q", msgs, text)
	}
}

func TestLibotrAKEAndMessages(t *testing.T) {
	for _, tc := range libCases {
		for _, weStart := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/we-start=%v", tc.name, weStart), func(t *testing.T) {
				us, lib := startLib(t, tc, weStart, 0)
				for i := 0; i < 50; i++ { // alternating: every message rotates keys
					sendToLib(t, us, lib, fmt.Sprintf("to libotr %d ☃", i))
					sendFromLib(t, lib, us, fmt.Sprintf("from libotr %d ✓", i))
				}
				for i := 0; i < 50; i++ { // one-sided bursts each way
					sendToLib(t, us, lib, fmt.Sprintf("our burst %d", i))
				}
				for i := 0; i < 50; i++ {
					sendFromLib(t, lib, us, fmt.Sprintf("libotr burst %d", i))
				}
				sendToLib(t, us, lib, "after both bursts")
				// The revealed MAC keys reach the user with the message event.
				sawRevealed := false
				for i := 0; i < 3; i++ {
					out := lib.p.Send("reveal?")
					pump(t, lib, us, out.Wire)
					for _, m := range us.take(EventMessage) {
						sawRevealed = sawRevealed || len(m.OldMACKeys) > 0
					}
					sendToLib(t, us, lib, "rotate")
				}
				if !sawRevealed {
					t.Fatal("libotr never revealed an old MAC key to us")
				}
			})
		}
	}
}

func TestLibotrFragments(t *testing.T) {
	for _, tc := range libCases {
		t.Run(tc.name, func(t *testing.T) {
			us, lib := startLib(t, tc, true, 400)
			long := strings.Repeat("0123456789abcdef☃", 5000/19+1)[:5000]
			res, err := us.c.Send(long)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Messages) < 10 {
				t.Fatalf("5,000 bytes in %d fragments of 400", len(res.Messages))
			}
			for _, l := range res.Messages {
				if len(l) > 400 {
					t.Fatalf("fragment of %d characters", len(l))
				}
			}
			pump(t, us, lib, res.Messages)
			if lib.lastShown(t) != long {
				t.Fatal("libotr did not reassemble our fragments")
			}
			sendFromLib(t, lib, us, long)
		})
	}
}

func TestLibotrAKERestart(t *testing.T) {
	for _, tc := range libCases {
		t.Run(tc.name, func(t *testing.T) {
			us, lib := startLib(t, tc, true, 0)
			sendToLib(t, us, lib, "before")
			old := append([]byte(nil), us.c.State.SSID...)
			q := lib.p.Query() // libotr restarts the AKE mid-session
			pump(t, lib, us, q.Wire)
			if bytes.Equal(old, us.c.State.SSID) || lib.p.Status().SSID != hex.EncodeToString(us.c.State.SSID) {
				t.Fatal("AKE restarted by libotr did not give both a new, equal SSID")
			}
			sendFromLib(t, lib, us, "after libotr's restart")
			pump(t, us, lib, us.c.Query().Messages) // and we restart it
			sendToLib(t, us, lib, "after our restart")
			sendFromLib(t, lib, us, "still fine")
		})
	}
}

// TestLibotrThousandBurst: one side sends 1,000 messages in a row, then the
// other answers; keys must stay in sync (the original C# library's 2014 bug).
func TestLibotrThousandBurst(t *testing.T) {
	us, lib := startLib(t, libCases[0], true, 0)
	for i := 0; i < 1000; i++ {
		res, err := us.c.Send(fmt.Sprintf("burst %d", i))
		if err != nil {
			t.Fatal(err)
		}
		pump(t, us, lib, res.Messages)
	}
	if len(lib.shown) != 1000 || lib.lastShown(t) != "burst 999" {
		t.Fatalf("libotr showed %d messages", len(lib.shown))
	}
	sendFromLib(t, lib, us, "answer after 1,000")
	sendToLib(t, us, lib, "in sync")
	for i := 0; i < 1000; i++ {
		out := lib.p.Send(fmt.Sprintf("their burst %d", i))
		pump(t, lib, us, out.Wire)
	}
	if n := len(us.take(EventMessage)); n != 1000 {
		t.Fatalf("we showed %d of libotr's 1,000", n)
	}
	sendToLib(t, us, lib, "answer after their 1,000")
	sendFromLib(t, lib, us, "still in sync")
}
