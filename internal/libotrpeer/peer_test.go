package libotrpeer

import (
	"strings"
	"testing"
)

// pair starts two libotr peers that are each other's buddy.
func pair(t *testing.T, aOpts, bOpts Options) (a, b *Peer) {
	t.Helper()
	aOpts.Account, aOpts.Buddy = "alice@example", "bob@example"
	bOpts.Account, bOpts.Buddy = "bob@example", "alice@example"
	return Start(t, aOpts), Start(t, bOpts)
}

// relay hands lines sent by from to the other peer, and their answers back,
// until both are quiet; it returns everything each side produced meanwhile.
func relay(t *testing.T, from, to *Peer, lines []string) (fromOut, toOut Output) {
	t.Helper()
	outs := map[*Peer]*Output{from: &fromOut, to: &toOut}
	other := map[*Peer]*Peer{from: to, to: from}
	type delivery struct {
		to   *Peer
		line string
	}
	var queue []delivery
	for _, l := range lines {
		queue = append(queue, delivery{to, l})
	}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 200 {
			t.Fatalf("relay: peers still talking after %d lines", steps)
		}
		d := queue[0]
		queue = queue[1:]
		got := d.to.Receive(d.line)
		merge(outs[d.to], got)
		for _, l := range got.Wire {
			queue = append(queue, delivery{other[d.to], l})
		}
	}
	return fromOut, toOut
}

func merge(into *Output, o Output) {
	into.Wire = append(into.Wire, o.Wire...)
	into.Events = append(into.Events, o.Events...)
	if o.Shown != "" {
		into.Shown = o.Shown
	}
	into.Ignore = into.Ignore || o.Ignore
}

// secure runs the AKE started by a's query message and checks both ends.
func secure(t *testing.T, a, b *Peer, version int) {
	t.Helper()
	aOut, bOut := relay(t, a, b, a.Query().Wire)
	if !aOut.Has("gone_secure") || !bOut.Has("gone_secure") {
		t.Fatalf("AKE: events alice %v, bob %v; want gone_secure on both", aOut.Kinds(), bOut.Kinds())
	}
	if aOut.Has("create_privkey") || bOut.Has("create_privkey") {
		t.Errorf("AKE: libotr asked for a new private key although the key file has one")
	}
	as, bs := a.Status(), b.Status()
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"alice msgstate", as.MsgState, "encrypted"},
		{"bob msgstate", bs.MsgState, "encrypted"},
		{"alice version", as.Version, version},
		{"bob version", bs.Version, version},
		{"alice sees bob's fingerprint", as.TheirFingerprint, b.Fingerprint()},
		{"bob sees alice's fingerprint", bs.TheirFingerprint, a.Fingerprint()},
		{"same ssid", as.SSID, bs.SSID},
		{"ssid length", len(as.SSID), 16},
	} {
		if c.got != c.want {
			t.Errorf("after AKE: %s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestAKEv3AndMessages(t *testing.T) {
	a, b := pair(t, Options{}, Options{})
	secure(t, a, b, 3)
	if as := a.Status(); as.TheirInstance != b.InstanceTag() || as.TheirInstance < 0x100 {
		t.Errorf("alice sees instance tag %#x, bob's is %#x", as.TheirInstance, b.InstanceTag())
	}
	if len(a.Fingerprint()) != 40 || a.Fingerprint() == b.Fingerprint() {
		t.Errorf("fingerprints %q and %q: want two distinct 40-digit ones", a.Fingerprint(), b.Fingerprint())
	}
	tests := []struct {
		name     string
		from, to *Peer
		text     string
	}{
		{"alice to bob", a, b, "hello bob"},
		{"bob to alice", b, a, "hi alice, with spaces\nand a newline"},
		{"unicode and tabs", a, b, "é ✓ 😀\tend"},
		{"html", b, a, "<b>bold</b> &amp;"},
	}
	for _, tt := range tests {
		sent := tt.from.Send(tt.text)
		if len(sent.Wire) != 1 || !strings.HasPrefix(sent.Wire[0], "?OTR:AAMD") {
			t.Fatalf("%s: wire %q, want one v3 data message", tt.name, sent.Wire)
		}
		got := tt.to.Receive(sent.Wire[0])
		msg, ok := got.Find("message")
		if got.Shown != tt.text || !ok || !msg.Encrypted {
			t.Errorf("%s: shown %q (event %+v), want encrypted %q", tt.name, got.Shown, msg, tt.text)
		}
	}
}

func TestPlaintextBeforeAKE(t *testing.T) {
	a, b := pair(t, Options{Policy: "v2,v3"}, Options{Policy: "v2,v3"})
	sent := a.Send("just text")
	if len(sent.Wire) != 1 || sent.Wire[0] != "just text" {
		t.Fatalf("plaintext send: wire %q, want the text unchanged", sent.Wire)
	}
	got := b.Receive(sent.Wire[0])
	if msg, _ := got.Find("message"); got.Shown != "just text" || msg.Encrypted {
		t.Errorf("plaintext receive: shown %q encrypted %v", got.Shown, msg.Encrypted)
	}
}

func TestFragmentedMessage(t *testing.T) {
	a, b := pair(t, Options{FragmentSize: 400}, Options{FragmentSize: 400})
	secure(t, a, b, 3) // the AKE messages are fragmented too
	text := strings.Repeat("0123456789abcdefghijklmnopqrstuvwxyz ", 136)[:5000]
	sent := a.Send(text)
	if len(sent.Wire) < 13 {
		t.Fatalf("5000 bytes sent as %d lines, want fragments of at most 400", len(sent.Wire))
	}
	for i, f := range sent.Wire {
		if len(f) > 400 || !strings.HasPrefix(f, "?OTR|") {
			t.Fatalf("fragment %d: %d bytes %.20q, want a v3 fragment of at most 400", i, len(f), f)
		}
	}
	_, got := relay(t, a, b, sent.Wire)
	if got.Shown != text {
		t.Errorf("reassembled %d bytes, want the %d sent", len(got.Shown), len(text))
	}
}

func TestSMP(t *testing.T) {
	tests := []struct {
		name, secret, answer, question, ask, result string
	}{
		{"success without question", "shared secret", "shared secret", "", "smp_ask_for_secret", "smp_success"},
		{"success with question", "blue", "blue", "Favourite colour?\t«quoted»", "smp_ask_for_answer", "smp_success"},
		{"failure", "right", "wrong", "", "smp_ask_for_secret", "smp_failure"},
	}
	a, b := pair(t, Options{}, Options{})
	secure(t, a, b, 3)
	for _, tt := range tests {
		_, bOut := relay(t, a, b, a.StartSMP(tt.secret, tt.question).Wire)
		ask, ok := bOut.Find(tt.ask)
		if !ok || ask.Question != tt.question {
			t.Fatalf("%s: bob's events %v (%+v), want %s with question %q", tt.name, bOut.Kinds(), ask, tt.ask, tt.question)
		}
		bRes, aRes := relay(t, b, a, b.AnswerSMP(tt.answer).Wire)
		if !aRes.Has(tt.result) || !bRes.Has(tt.result) {
			t.Errorf("%s: alice %v, bob %v, want %s on both", tt.name, aRes.Kinds(), bRes.Kinds(), tt.result)
		}
	}
}

func TestSMPAbort(t *testing.T) {
	a, b := pair(t, Options{}, Options{})
	secure(t, a, b, 3)
	relay(t, a, b, a.StartSMP("secret", "").Wire)
	_, aOut := relay(t, b, a, b.AbortSMP().Wire)
	if !aOut.Has("smp_abort") {
		t.Errorf("after bob aborts, alice's events %v, want smp_abort", aOut.Kinds())
	}
}

func TestDisconnect(t *testing.T) {
	a, b := pair(t, Options{}, Options{})
	secure(t, a, b, 3)
	bye := a.Disconnect()
	if a.Status().MsgState != "plaintext" || len(bye.Wire) != 1 {
		t.Fatalf("alice after disconnect: %q, wire %q", a.Status().MsgState, bye.Wire)
	}
	got := b.Receive(bye.Wire[0])
	if b.Status().MsgState != "finished" || !got.Ignore {
		t.Errorf("bob after the disconnect TLV: %q, output %+v", b.Status().MsgState, got)
	}
	if out := b.Send("anyone there?"); len(out.Wire) != 0 || !hasMsgEvent(out, "OTRL_MSGEVENT_CONNECTION_ENDED") {
		t.Errorf("bob sending in finished state: %+v, want nothing sent and CONNECTION_ENDED", out)
	}
}

func hasMsgEvent(o Output, name string) bool {
	for _, e := range o.Events {
		if e.Kind == "msg_event" && e.Name == name {
			return true
		}
	}
	return false
}

func TestV2Only(t *testing.T) {
	a, b := pair(t, Options{Policy: "v2"}, Options{Policy: "v2,v3"})
	if q := a.Query().Wire; len(q) != 1 || !strings.HasPrefix(q[0], "?OTRv2?") {
		t.Fatalf("v2-only query %q, want ?OTRv2?", q)
	}
	secure(t, a, b, 2)
	sent := b.Send("over v2")
	if len(sent.Wire) != 1 || !strings.HasPrefix(sent.Wire[0], "?OTR:AAID") {
		t.Fatalf("wire %q, want a v2 data message", sent.Wire)
	}
	if got := a.Receive(sent.Wire[0]); got.Shown != "over v2" {
		t.Errorf("shown %q, want %q", got.Shown, "over v2")
	}
}

func TestExtraKey(t *testing.T) {
	a, b := pair(t, Options{}, Options{})
	secure(t, a, b, 3)
	key, out := a.ExtraKey(7, []byte("file-id"))
	_, bOut := relay(t, a, b, out.Wire)
	ev, ok := bOut.Find("symkey")
	if len(key) != 32 || !ok || ev.Use != 7 || string(ev.Context) != "file-id" || string(ev.Key) != string(key) {
		t.Errorf("extra key %x, bob's event %+v: want the same 32-byte key with use 7", key, ev)
	}
}

func TestUnreadableDataMessage(t *testing.T) {
	a, b := pair(t, Options{}, Options{})
	secure(t, a, b, 3)
	sent := a.Send("once")
	b.Receive(sent.Wire[0])
	// A replayed data message has a stale counter: libotr must refuse it.
	got := b.Receive(sent.Wire[0])
	if got.Shown != "" || !hasMsgEvent(got, "OTRL_MSGEVENT_RCVDMSG_UNREADABLE") ||
		len(got.Wire) != 1 || !strings.HasPrefix(got.Wire[0], "?OTR Error: ") {
		t.Errorf("replayed data message: %+v, want UNREADABLE and an OTR error sent back", got)
	}
}
