package inspect

import (
	"math/big"
	"testing"

	"github.com/otrtool/otr/internal/testkeys"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// wireLine is one line of a two-party transcript.
type wireLine struct{ from, line string }

// party is one side of an in-memory conversation.
type party struct {
	name string
	c    *otr.Conversation
	got  []otr.Event
}

// session is two Conversations wired together, recording every line.
type session struct {
	t          testing.TB
	alice, bob *party
	lines      []wireLine
	// history holds the keys of every state either side passed through,
	// as if someone had kept each saved session.
	history *Keyring
}

func newSession(t testing.TB, fragSize int) *session {
	mk := func(name string, tag uint32, fragSize int) *party {
		c := otr.NewConversation(otr.Config{PrivateKey: testkeys.Key(t, name), InstanceTag: tag,
			Policy: otr.DefaultPolicy(), FragmentSize: fragSize, HeartbeatInterval: -1})
		return &party{name: name, c: c}
	}
	return &session{t: t, alice: mk("alice", 0x1000a11c, fragSize), bob: mk("bob", 0x20000b0b, fragSize), history: &Keyring{}}
}

func (s *session) other(p *party) *party {
	if p == s.alice {
		return s.bob
	}
	return s.alice
}

// deliver sends lines from p and keeps delivering the replies until quiet.
func (s *session) deliver(from *party, lines []string) {
	s.t.Helper()
	for _, l := range lines {
		s.lines = append(s.lines, wireLine{from.name, l})
		to := s.other(from)
		res, err := to.c.Receive(l)
		if err != nil {
			s.t.Fatalf("%s receiving %.50q: %v", to.name, l, err)
		}
		to.got = append(to.got, res.Events...)
		s.remember()
		s.deliver(to, res.Messages)
	}
}

func (s *session) remember() {
	s.history.AddState(s.alice.c.State)
	s.history.AddState(s.bob.c.State)
}

func (s *session) send(from *party, text string, opts otr.SendOptions) {
	s.t.Helper()
	res, err := from.c.SendWith(text, opts)
	if err != nil {
		s.t.Fatalf("%s sending: %v", from.name, err)
	}
	s.remember()
	s.deliver(from, res.Messages)
}

// fakeSMP is an SMP TLV with made-up MPIs (pkg/otr's SMP is not in yet;
// the wire format is all that matters here).
func fakeSMP(typ uint16, question string, n int) otr.TLV {
	ns := make([]*big.Int, n)
	for i := range ns {
		ns[i] = big.NewInt(int64(1000 + i))
	}
	v := wire.AppendMPIs(nil, ns)
	if typ == otr.TLVSMP1Q {
		v = append(append([]byte(question), 0), v...)
	}
	return otr.TLV{Type: typ, Value: v}
}

// transcript is the lines of a session; see run.
func transcript(t testing.TB, fragSize int) (lines []wireLine, aliceState, bobState otr.State) {
	s, a, b := run(t, fragSize)
	return s.lines, a, b
}

// run runs an AKE and a few data messages of every sort, and
// returns the lines plus both parties' states as they stood before the
// end (End forgets the keys).
func run(t testing.TB, fragSize int) (s *session, aliceState, bobState otr.State) {
	s = newSession(t, fragSize)
	s.deliver(s.alice, s.alice.c.Query().Messages)
	s.send(s.alice, "hello bob", otr.SendOptions{})
	s.send(s.bob, "hi alice", otr.SendOptions{Padding: 64})
	s.send(s.alice, "", otr.SendOptions{TLVs: []otr.TLV{fakeSMP(otr.TLVSMP1Q, "colour?", 6)}})
	s.send(s.bob, "", otr.SendOptions{TLVs: []otr.TLV{fakeSMP(otr.TLVSMP2, "", 11)}})
	s.send(s.alice, "", otr.SendOptions{TLVs: []otr.TLV{fakeSMP(otr.TLVSMP3, "", 8)}})
	s.send(s.bob, "", otr.SendOptions{TLVs: []otr.TLV{fakeSMP(otr.TLVSMP4, "", 3)}})
	_, res, err := s.alice.c.ExtraKey(7, []byte("file"))
	if err != nil {
		t.Fatal(err)
	}
	s.deliver(s.alice, res.Messages)
	s.send(s.bob, "after the key", otr.SendOptions{})
	aliceState, bobState = s.alice.c.State, s.bob.c.State
	res, err = s.alice.c.End()
	if err != nil {
		t.Fatal(err)
	}
	s.deliver(s.alice, res.Messages)
	return s, aliceState, bobState
}
