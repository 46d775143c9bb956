package otr

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// The hostile-peer suite: a victim conversation (bob, tag victimTag) is put
// in every protocol state, then a hostile peer (alice, tag peerTag) sends
// it damaged or forged input. Each case checks: no panic, the outcome the
// spec demands (an error with an error event, or a debug event when the
// spec says to ignore), and the saved state unchanged when rejected.

const (
	victimTag = 0x5678
	peerTag   = 0x1234
)

// hostileStates are the protocol states every case runs in.
var hostileStates = []string{"plaintext", "awaiting_dhkey", "awaiting_revealsig", "awaiting_sig", "encrypted", "finished"}

var hostileVersions = []int{2, 3}

// fixture is a victim in one state, the hostile peer that led it there,
// and the message the peer would honestly send next ("" if none).
type fixture struct {
	name    string
	version int
	victim  *Conversation
	peer    *Conversation
	next    string
}

var (
	fixturesMu sync.Mutex
	fixtures   = map[string]*fixture{}
)

// getFixture returns a private copy of the fixture for (version, state);
// building one runs an AKE, so each is built once and cloned.
func getFixture(t testing.TB, version int, state string) *fixture {
	t.Helper()
	key := fmt.Sprintf("v%d/%s", version, state)
	fixturesMu.Lock()
	f, ok := fixtures[key]
	if !ok {
		f = buildFixture(t, version, state)
		f.name = key
		fixtures[key] = f
	}
	fixturesMu.Unlock()
	return f.clone(t)
}

func (f *fixture) clone(t testing.TB) *fixture {
	g := *f
	g.victim = &Conversation{Config: f.victim.Config, State: cloneState(t, f.victim.State)}
	g.peer = &Conversation{Config: f.peer.Config, State: cloneState(t, f.peer.State)}
	return &g
}

func peerPolicy(version int) Policy {
	if version == 2 {
		return Policy{AllowV2: true}
	}
	return DefaultPolicy()
}

// buildFixture drives an honest AKE up to the requested state of the victim.
func buildFixture(t testing.TB, version int, state string) *fixture {
	t.Helper()
	f := &fixture{version: version,
		victim: newTestConversation(t, "bob", victimTag, DefaultPolicy()),
		peer:   newTestConversation(t, "alice", peerTag, peerPolicy(version)),
	}
	switch state {
	case "plaintext":
		f.next = f.start(t, f.peer)
	case "awaiting_dhkey":
		f.next = must(t, f.peer, f.start(t, f.victim))
	case "awaiting_revealsig":
		f.next = must(t, f.peer, must(t, f.victim, f.start(t, f.peer)))
	case "awaiting_sig", "encrypted", "finished":
		f.next = must(t, f.peer, must(t, f.victim, must(t, f.peer, f.start(t, f.victim))))
		if state == "awaiting_sig" {
			break
		}
		must(t, f.victim, f.next)
		f.next = f.send(t, "hello from the peer")
		if state == "finished" {
			res, err := f.peer.End()
			if err != nil {
				t.Fatal(err)
			}
			must(t, f.victim, res.Messages[0])
			f.next = ""
		}
	default:
		t.Fatalf("unknown state %q", state)
	}
	if got := f.victimState(); got != state {
		t.Fatalf("fixture %s: victim is in %s", state, got)
	}
	return f
}

// start makes c send its D-H Commit.
func (f *fixture) start(t testing.TB, c *Conversation) string {
	t.Helper()
	var res Result
	if err := c.startAKE(f.version, &res); err != nil {
		t.Fatal(err)
	}
	return res.Messages[0]
}

// send has the peer encrypt text for the victim.
func (f *fixture) send(t testing.TB, text string) string {
	t.Helper()
	res, err := f.peer.Send(text)
	if err != nil || len(res.Messages) != 1 {
		t.Fatalf("peer Send: %v %q", err, res.Messages)
	}
	return res.Messages[0]
}

// must delivers line to c and returns its single reply ("" for none).
func must(t testing.TB, c *Conversation, line string) string {
	t.Helper()
	res, err := c.Receive(line)
	if err != nil {
		t.Fatalf("honest Receive: %v", err)
	}
	if len(res.Messages) == 0 {
		return ""
	}
	return res.Messages[0]
}

// victimState names the victim's protocol state as hostileStates does.
func (f *fixture) victimState() string { return stateName(f.victim.State) }

func stateName(st State) string {
	if st.AKE.State != "" && st.AKE.State != AuthNone {
		return string(st.AKE.State)
	}
	if st.MsgState == "" {
		return "plaintext"
	}
	return string(st.MsgState)
}

// forEachState runs fn in a subtest for every version and state.
func forEachState(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, v := range hostileVersions {
		for _, s := range hostileStates {
			t.Run(fmt.Sprintf("v%d/%s", v, s), func(t *testing.T) { fn(t, getFixture(t, v, s)) })
		}
	}
}

// delivery is what one hostile line did to the victim.
type delivery struct {
	line          string
	res           Result
	err           error
	before, after string
}

func deliver(t testing.TB, c *Conversation, line string) delivery {
	t.Helper()
	d := delivery{line: line, before: marshalState(t, c.State)}
	d.res, d.err = c.Receive(line)
	d.after = marshalState(t, c.State)
	return d
}

func (d delivery) hasEvent(kind EventKind) bool {
	for _, e := range d.res.Events {
		if e.Kind == kind {
			return true
		}
	}
	return false
}

// errorEventFor reports whether an error event carries an error matching want.
func (d delivery) errorEventFor(want error) bool {
	for _, e := range d.res.Events {
		if e.Kind == EventError && e.Err != nil && errors.Is(e.Err, want) {
			return true
		}
	}
	return false
}

// rejected asserts an error matching want, an error event naming it, and
// an unchanged state.
func (d delivery) rejected(t testing.TB, want error) {
	t.Helper()
	if d.err == nil {
		t.Fatalf("accepted %.80q (events %v)", d.line, d.kinds())
	}
	if !errors.Is(d.err, want) {
		t.Fatalf("error %v, want %v", d.err, want)
	}
	if !d.errorEventFor(want) {
		t.Fatalf("no error event for %v in %v", want, d.kinds())
	}
	d.unchanged(t)
}

// ignored asserts no error, a debug event, nothing sent, state unchanged.
func (d delivery) ignored(t testing.TB) {
	t.Helper()
	if d.err != nil {
		t.Fatalf("error %v, want the message ignored", d.err)
	}
	if !d.hasEvent(EventDebug) || d.hasEvent(EventError) {
		t.Fatalf("events %v, want a debug event and no error", d.kinds())
	}
	if len(d.res.Messages) != 0 {
		t.Fatalf("replied %q to an ignored message", d.res.Messages)
	}
	d.unchanged(t)
}

// refused asserts the weaker outcome of damaged input whose exact failure
// depends on random bytes: rejected or ignored, never accepted, with the
// state unchanged either way.
func (d delivery) refused(t testing.TB) {
	t.Helper()
	switch {
	case d.err != nil && !d.hasEvent(EventError):
		t.Fatalf("error %v without an error event", d.err)
	case d.err == nil && !d.hasEvent(EventDebug):
		t.Fatalf("damaged %.80q accepted (events %v)", d.line, d.kinds())
	}
	d.unchanged(t)
}

func (d delivery) unchanged(t testing.TB) {
	t.Helper()
	if d.before != d.after {
		t.Fatalf("state changed by a refused message:\nbefore %s\nafter  %s", d.before, d.after)
	}
}

func (d delivery) kinds() []string {
	var out []string
	for _, e := range d.res.Events {
		out = append(out, string(e.Kind)+": "+e.Text)
	}
	return out
}

// decodeLine parses an encoded line the test itself produced.
func decodeLine(t testing.TB, line string) wire.Message {
	t.Helper()
	bin, err := wire.DecodeMessage(line)
	if err != nil {
		t.Fatal(err)
	}
	m, err := wire.Decode(bin)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func encode(m wire.Message) string { return wire.EncodeMessage(m.Marshal()) }

func encodeBin(b []byte) string { return wire.EncodeMessage(b) }

// isOTRError reports whether a reply is an OTR error message.
func isOTRError(line string) bool { return strings.HasPrefix(line, "?OTR Error:") }
