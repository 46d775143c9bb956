package otr

//lint:file-ignore SA1019 OTR v2/v3 identities are DSA keys.

import (
	"crypto/dsa" //nolint:staticcheck // x/crypto/otr keys are DSA keys
	"fmt"
	"testing"

	xotr "golang.org/x/crypto/otr"
)

// xEndpoint is golang.org/x/crypto/otr (OTR v2), an implementation we did
// not write, as the other side of an in-memory conversation.
type xEndpoint struct {
	c       *xotr.Conversation
	shown   []string
	changes []xotr.SecurityChange
}

func newXEndpoint(t *testing.T, name string, fragmentSize int) *xEndpoint {
	k := testKey(t, name)
	priv := &xotr.PrivateKey{
		PublicKey:  xotr.PublicKey{PublicKey: dsa.PublicKey{Parameters: dsa.Parameters{P: k.P, Q: k.Q, G: k.G}, Y: k.Y}},
		PrivateKey: dsa.PrivateKey{X: k.X},
	}
	priv.PrivateKey.PublicKey = priv.PublicKey.PublicKey
	return &xEndpoint{c: &xotr.Conversation{PrivateKey: priv, FragmentSize: fragmentSize}}
}

func (x *xEndpoint) receive(t testing.TB, line string) []string {
	t.Helper()
	out, _, change, toSend, err := x.c.Receive([]byte(line))
	if err != nil {
		t.Fatalf("x/crypto/otr Receive(%.60q): %v", line, err)
	}
	if len(out) > 0 {
		x.shown = append(x.shown, string(out))
	}
	if change != xotr.NoChange {
		x.changes = append(x.changes, change)
	}
	return lines(toSend)
}

func lines(b [][]byte) []string {
	var out []string
	for _, l := range b {
		out = append(out, string(l))
	}
	return out
}

func TestXCryptoInterop(t *testing.T) {
	for _, tc := range []struct {
		name       string
		weStart    bool
		fragSize   int
		ourPolicy  Policy
		longLength int
	}{
		{"we-query", true, 0, DefaultPolicy(), 0},
		{"they-query", false, 0, DefaultPolicy(), 0},
		{"fragmented-both-ways", true, 150, Policy{AllowV2: true}, 3000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			us := &convEndpoint{c: newTestConversation(t, "alice", 0x1234, tc.ourPolicy)}
			us.c.Config.FragmentSize = tc.fragSize
			them := newXEndpoint(t, "bob", tc.fragSize)
			if tc.weStart {
				pump(t, us, them, us.c.Query().Messages)
			} else {
				pump(t, them, us, []string{xotr.QueryMessage})
			}
			if us.c.State.MsgState != MsgEncrypted || us.c.State.Version != 2 || !them.c.IsEncrypted() {
				t.Fatalf("not secure: ours %s v%d, theirs %v", us.c.State.MsgState, us.c.State.Version, them.c.IsEncrypted())
			}
			if len(us.take(EventSecure)) != 1 {
				t.Fatal("no secure event")
			}
			for i := 0; i < 20; i++ {
				text := fmt.Sprintf("message %d from us ☃", i)
				if tc.longLength > 0 && i == 3 {
					text = longText(tc.longLength)
				}
				res, err := us.c.Send(text)
				if err != nil {
					t.Fatal(err)
				}
				pump(t, us, them, res.Messages)
				if got := them.shown[len(them.shown)-1]; got != text {
					t.Fatalf("x/crypto/otr showed %.40q, want %.40q", got, text)
				}
				toSend, err := them.c.Send([]byte(text + " echoed"))
				if err != nil {
					t.Fatal(err)
				}
				pump(t, them, us, lines(toSend))
				msgs := us.take(EventMessage)
				if len(msgs) != 1 || msgs[0].Text != text+" echoed" {
					t.Fatalf("we showed %+v", msgs)
				}
			}
			// A one-sided burst from them, then we answer.
			for i := 0; i < 30; i++ {
				toSend, _ := them.c.Send([]byte("burst"))
				pump(t, them, us, lines(toSend))
			}
			if n := len(us.take(EventMessage)); n != 30 {
				t.Fatalf("%d burst messages shown, want 30", n)
			}
			res, _ := us.c.Send("after the burst")
			pump(t, us, them, res.Messages)
			if got := them.shown[len(them.shown)-1]; got != "after the burst" {
				t.Fatalf("x/crypto/otr showed %q", got)
			}
			end, err := us.c.End()
			if err != nil {
				t.Fatal(err)
			}
			pump(t, us, them, end.Messages)
			if them.c.IsEncrypted() || them.changes[len(them.changes)-1] != xotr.ConversationEnded {
				t.Fatal("x/crypto/otr did not see our disconnect")
			}
		})
	}
}

func longText(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return string(b)
}
