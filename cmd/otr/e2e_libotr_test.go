package main

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// The otr binary on one side, libotr 4.1.1 on the other; the test relays
// the lines. With OTR_REQUIRE_LIBOTR=1 a missing libotr fails the tests.

// withLibotr is our identity (talking to "bob") and a libotr peer (whose
// buddy is "alice").
type withLibotr struct {
	t   *testing.T
	us  *party
	lib *libotrpeer.Peer
	// ourFrag is our --fragment-size ("" for none).
	ourFrag string
}

func newWithLibotr(t *testing.T, opts libotrpeer.Options) *withLibotr {
	t.Helper()
	opts.Account, opts.Buddy = "bob@example", "alice@example"
	lib := libotrpeer.Start(t, opts)
	us, _ := pair(t)
	return &withLibotr{t: t, us: us, lib: lib}
}

// transcript is what both sides showed while lines were relayed.
type transcript struct {
	ours []map[string]any // our JSON display events
	lib  libotrpeer.Output
}

func (tr transcript) ourKinds() []string {
	var out []string
	for _, e := range tr.ours {
		out = append(out, e["event"].(string))
	}
	return out
}

func (tr transcript) our(kind string) map[string]any {
	for _, e := range tr.ours {
		if e["event"] == kind {
			return e
		}
	}
	return nil
}

func (tr transcript) ourTexts() []string {
	var out []string
	for _, e := range tr.ours {
		if e["event"] == "message" {
			out = append(out, e["text"].(string))
		}
	}
	return out
}

// relay hands our wire lines to libotr and libotr's to us until both are
// quiet.
func (s *withLibotr) relay(toLib string, toUs []string) transcript {
	s.t.Helper()
	var tr transcript
	for round := 0; round < 20 && (toLib != "" || len(toUs) > 0); round++ {
		for _, line := range strings.Split(strings.TrimSuffix(toLib, "\n"), "\n") {
			if line == "" {
				continue
			}
			out := s.lib.Receive(line)
			tr.lib.Events = append(tr.lib.Events, out.Events...)
			if out.Shown != "" {
				tr.lib.Shown = out.Shown
			}
			toUs = append(toUs, out.Wire...)
		}
		toLib = ""
		if len(toUs) > 0 {
			args := []string{"recv", "--peer", s.us.peer}
			if s.ourFrag != "" {
				args = append(args, "--fragment-size", s.ourFrag)
			}
			r := s.us.must(strings.Join(toUs, "\n")+"\n", args...)
			tr.ours = append(tr.ours, r.events...)
			toLib, toUs = r.stdout, nil
		}
	}
	if toLib != "" || len(toUs) > 0 {
		s.t.Fatalf("the relay did not settle: still to deliver %q / %q", toLib, toUs)
	}
	return tr
}

// ours runs one of our commands and relays what it printed.
func (s *withLibotr) ours(stdin string, args ...string) (result, transcript) {
	s.t.Helper()
	if s.ourFrag != "" {
		args = append(args, "--fragment-size", s.ourFrag)
	}
	r := s.us.must(stdin, args...)
	tr := s.relay(r.stdout, nil)
	tr.ours = append(r.events, tr.ours...)
	return r, tr
}

// theirs relays what a libotr call produced.
func (s *withLibotr) theirs(out libotrpeer.Output) transcript {
	s.t.Helper()
	tr := s.relay("", out.Wire)
	tr.lib.Events = append(out.Events, tr.lib.Events...)
	return tr
}

func (s *withLibotr) ourFingerprint() string {
	s.t.Helper()
	return strings.TrimSpace(s.us.must("", "fingerprint", "--raw").stdout)
}

// handshake runs the AKE started by us or by libotr and checks both sides
// agree: version, fingerprints, ssid.
func (s *withLibotr) handshake(weStart bool, version int) {
	s.t.Helper()
	var tr transcript
	if weStart {
		_, tr = s.ours("", "query", "--peer", s.us.peer)
	} else {
		tr = s.theirs(s.lib.Query())
	}
	sec := tr.our("secure")
	if sec == nil || !tr.lib.Has("gone_secure") {
		s.t.Fatalf("AKE incomplete: we saw %v, libotr saw %v", tr.ourKinds(), tr.lib.Kinds())
	}
	st := s.lib.Status()
	if st.MsgState != "encrypted" || st.Version != version {
		s.t.Fatalf("libotr status %+v, want encrypted version %d", st, version)
	}
	if sec["version"] != float64(version) || sec["fingerprint"] != s.lib.Fingerprint() {
		s.t.Errorf("our secure event %v: want version %d and libotr's fingerprint %s", sec, version, s.lib.Fingerprint())
	}
	if st.TheirFingerprint != s.ourFingerprint() {
		s.t.Errorf("libotr sees fingerprint %s, ours is %s", st.TheirFingerprint, s.ourFingerprint())
	}
	if sec["ssid"] != st.SSID {
		s.t.Errorf("ssid: ours %v, libotr's %s", sec["ssid"], st.SSID)
	}
	if version == 3 && st.TheirInstance == 0 {
		s.t.Errorf("libotr knows no instance tag of ours in a v3 session: %+v", st)
	}
}

// weSay sends text from us; libotr must show exactly it, decrypted.
func (s *withLibotr) weSay(text string) {
	s.t.Helper()
	r, tr := s.ours(text+"\n", "send", "--peer", s.us.peer)
	if strings.Contains(r.stdout, text[:min(len(text), 12)]) {
		s.t.Fatalf("our plaintext leaked onto the wire: %.80q", r.stdout)
	}
	if s.ourFrag == "irc" {
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		if len(text) > 1000 && len(lines) < 2 {
			s.t.Fatalf("a %d-byte message was not fragmented with --fragment-size irc", len(text))
		}
		for _, line := range lines {
			if len(line) > 417 {
				s.t.Fatalf("a %d-character wire line with --fragment-size irc", len(line))
			}
		}
	}
	msg, ok := tr.lib.Find("message")
	if !ok || msg.Text != text || !msg.Encrypted {
		s.t.Fatalf("libotr got %+v (events %v), want the encrypted %.40q", msg, tr.lib.Kinds(), text)
	}
}

// theySay sends text from libotr; we must show exactly it, encrypted.
func (s *withLibotr) theySay(text string) {
	s.t.Helper()
	out := s.lib.Send(text)
	if frag := s.lib.Options().FragmentSize; frag > 0 {
		if len(text) > 1000 && len(out.Wire) < 2 {
			s.t.Fatalf("libotr did not fragment a %d-byte message with FragmentSize %d", len(text), frag)
		}
		for _, line := range out.Wire {
			if len(line) > frag {
				s.t.Fatalf("libotr sent a %d-character line with FragmentSize %d", len(line), frag)
			}
		}
	}
	tr := s.theirs(out)
	m := tr.our("message")
	if m == nil || m["text"] != text || m["encrypted"] != true || len(tr.ourTexts()) != 1 {
		s.t.Fatalf("we showed %v, want only the encrypted %.40q", tr.ours, text)
	}
}

func TestLibotrSessions(t *testing.T) {
	long := strings.Repeat("long text ünïcødé 名前 ", 120) // ~3 kB: several IRC fragments
	tests := []struct {
		name      string
		ourV2Only bool
		libPolicy string
		weStart   bool
		ourFrag   string
		libFrag   int
		version   int
	}{
		{name: "v3 we start", weStart: true, version: 3},
		{name: "v3 libotr starts", version: 3},
		{name: "v2 we start, we allow only v2", ourV2Only: true, weStart: true, version: 2},
		{name: "v2 libotr starts, libotr allows only v2", libPolicy: "v2,error-start-ake", version: 2},
		{name: "v3 fragments both ways", weStart: true, ourFrag: "irc", libFrag: 417, version: 3},
		{name: "v2 fragments both ways", ourV2Only: true, ourFrag: "irc", libFrag: 417, version: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newWithLibotr(t, libotrpeer.Options{Policy: tc.libPolicy, FragmentSize: tc.libFrag})
			if tc.ourV2Only {
				s.us.must("", "policy", "allow-v3=false")
			}
			s.ourFrag = tc.ourFrag
			s.handshake(tc.weStart, tc.version)
			for _, text := range []string{"hello", "ünïcødé ✓ 名前 🙂", long, "tab\there"} {
				s.weSay(text)
				s.theySay(text + " back")
			}
		})
	}
}

func TestLibotrSMP(t *testing.T) {
	tests := []struct {
		name                  string
		weStart               bool
		ourSecret, libSecret  string
		question              string
		wantOurs, wantLibotrs string
	}{
		{"we start, same secret", true, "our first pet", "our first pet", "", "smp_succeeded", "smp_success"},
		{"libotr starts, same secret", false, "our first pet", "our first pet", "", "smp_succeeded", "smp_success"},
		{"we start with a question", true, "Rex", "Rex", "Name of our first pet — ünïcødé?", "smp_succeeded", "smp_success"},
		{"libotr starts with a question", false, "Rex", "Rex", "Name of our first pet?", "smp_succeeded", "smp_success"},
		{"we start, different secrets", true, "cat", "dog", "", "smp_failed", "smp_failure"},
		{"libotr starts, different secrets", false, "cat", "dog", "pet?", "smp_failed", "smp_failure"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newWithLibotr(t, libotrpeer.Options{})
			s.handshake(true, 3)
			var all transcript
			if tc.weStart {
				all = s.weStartSMP(tc.ourSecret, tc.libSecret, tc.question)
			} else {
				all = s.libotrStartsSMP(tc.ourSecret, tc.libSecret, tc.question)
			}
			if all.our(tc.wantOurs) == nil || !all.lib.Has(tc.wantLibotrs) {
				t.Fatalf("we saw %v, libotr saw %v; want %s / %s", all.ourKinds(), all.lib.Kinds(), tc.wantOurs, tc.wantLibotrs)
			}
			if st, want := s.lib.Status(), map[string]string{"smp_success": "succeeded", "smp_failure": "failed"}[tc.wantLibotrs]; st.SMPResult != want {
				t.Errorf("libotr's SMP result %q, want %s", st.SMPResult, want)
			}
			wantTrust := map[string]string{"smp_succeeded": "smp", "smp_failed": "unverified"}[tc.wantOurs]
			libTrust := map[string]string{"smp_success": "smp"}[tc.wantLibotrs]
			if tc.question != "" && tc.weStart {
				libTrust = "" // libotr answered our question: it does not mark us
			} else if tc.question != "" {
				wantTrust = "unverified" // we answered libotr's question: as libotr, we do not mark it
			}
			if trust := s.us.must("", "trust", "--peer", s.us.peer).stdout; !strings.Contains(trust, wantTrust) {
				t.Errorf("our trust list %q should say %s", trust, wantTrust)
			}
			if st := s.lib.Status(); st.TheirTrust != libTrust {
				t.Errorf("libotr's trust in us %q, want %q", st.TheirTrust, libTrust)
			}
			// The session goes on after SMP.
			s.weSay("after smp")
			s.theySay("after smp too")
		})
	}
}

// weStartSMP: we ask, libotr answers.
func (s *withLibotr) weStartSMP(ourSecret, libSecret, question string) transcript {
	s.t.Helper()
	args := []string{"smp", "start", "--peer", s.us.peer}
	if question != "" {
		args = append(args, "--question", question)
	}
	_, tr := s.ours(ourSecret+"\n", args...)
	want := "smp_ask_for_secret"
	if question != "" {
		want = "smp_ask_for_answer"
	}
	ask, ok := tr.lib.Find(want)
	if !ok || ask.Question != question {
		s.t.Fatalf("libotr saw %v (%+v), want %s with question %q", tr.lib.Kinds(), ask, want, question)
	}
	rest := s.theirs(s.lib.AnswerSMP(libSecret))
	return transcript{ours: append(tr.ours, rest.ours...), lib: libotrpeer.Output{Events: append(tr.lib.Events, rest.lib.Events...)}}
}

// libotrStartsSMP: libotr asks, we answer.
func (s *withLibotr) libotrStartsSMP(ourSecret, libSecret, question string) transcript {
	s.t.Helper()
	tr := s.theirs(s.lib.StartSMP(libSecret, question))
	req := tr.our("smp_request")
	if req == nil {
		s.t.Fatalf("we saw %v, want smp_request", tr.ourKinds())
	}
	if q, has := req["question"]; (question != "") != has || (has && q != question) {
		s.t.Fatalf("smp_request %v, want question %q", req, question)
	}
	_, rest := s.ours(ourSecret+"\n", "smp", "answer", "--peer", s.us.peer)
	return transcript{ours: append(tr.ours, rest.ours...), lib: libotrpeer.Output{Events: append(tr.lib.Events, rest.lib.Events...)}}
}

func TestLibotrSMPAbort(t *testing.T) {
	t.Run("we abort libotr's request", func(t *testing.T) {
		s := newWithLibotr(t, libotrpeer.Options{})
		s.handshake(false, 3)
		if tr := s.theirs(s.lib.StartSMP("secret", "")); tr.our("smp_request") == nil {
			t.Fatalf("we saw %v, want smp_request", tr.ourKinds())
		}
		if _, tr := s.ours("", "smp", "abort", "--peer", s.us.peer); !tr.lib.Has("smp_abort") {
			t.Fatalf("libotr saw %v, want smp_abort", tr.lib.Kinds())
		}
		s.assertSMPWorksAgain()
	})
	t.Run("libotr aborts our request", func(t *testing.T) {
		s := newWithLibotr(t, libotrpeer.Options{})
		s.handshake(true, 3)
		if _, tr := s.ours("secret\n", "smp", "start", "--peer", s.us.peer); !tr.lib.Has("smp_ask_for_secret") {
			t.Fatalf("libotr saw %v, want smp_ask_for_secret", tr.lib.Kinds())
		}
		if tr := s.theirs(s.lib.AbortSMP()); tr.our("smp_aborted") == nil {
			t.Fatalf("we saw %v, want smp_aborted", tr.ourKinds())
		}
		s.assertSMPWorksAgain()
	})
}

func (s *withLibotr) assertSMPWorksAgain() {
	s.t.Helper()
	tr := s.weStartSMP("again", "again", "")
	if tr.our("smp_succeeded") == nil || !tr.lib.Has("smp_success") {
		s.t.Fatalf("SMP after an abort: we saw %v, libotr saw %v", tr.ourKinds(), tr.lib.Kinds())
	}
	if st := s.lib.Status(); st.SMPResult != "succeeded" {
		s.t.Errorf("libotr's SMP result %q, want succeeded", st.SMPResult)
	}
}

func TestLibotrExtraKey(t *testing.T) {
	context := []byte{0x00, 0xff, 0x10}
	t.Run("we ask", func(t *testing.T) {
		s := newWithLibotr(t, libotrpeer.Options{})
		s.handshake(true, 3)
		r, tr := s.ours("", "extra-key", "--peer", s.us.peer, "--use", "7", "--context", hex.EncodeToString(context))
		mine := r.event("extra_key")
		theirs, ok := tr.lib.Find("symkey")
		if mine == nil || !ok {
			t.Fatalf("extra_key event %v, libotr saw %v", mine, tr.lib.Kinds())
		}
		if mine["key"] != hex.EncodeToString(theirs.Key) || theirs.Use != 7 || hex.EncodeToString(theirs.Context) != "00ff10" {
			t.Errorf("our key %v; libotr's %x, use %d, context %x", mine["key"], theirs.Key, theirs.Use, theirs.Context)
		}
	})
	t.Run("libotr asks", func(t *testing.T) {
		s := newWithLibotr(t, libotrpeer.Options{})
		s.handshake(false, 3)
		key, out := s.lib.ExtraKey(9, context)
		e := s.theirs(out).our("extra_key")
		if e == nil || len(key) != 32 {
			t.Fatalf("extra_key event %v, libotr's key %x", e, key)
		}
		if e["key"] != hex.EncodeToString(key) || e["use"] != float64(9) || e["context"] != "00ff10" {
			t.Errorf("our event %v, libotr's key %x", e, key)
		}
	})
}

func TestLibotrCloseAndRestart(t *testing.T) {
	t.Run("we close", func(t *testing.T) {
		s := newWithLibotr(t, libotrpeer.Options{})
		s.handshake(true, 3)
		r, _ := s.ours("", "close", "--peer", s.us.peer)
		if r.event("closed") == nil {
			t.Fatalf("we saw %v, want closed", r.kinds())
		}
		if st := s.lib.Status(); st.MsgState != "finished" {
			t.Fatalf("libotr is %q after our close, want finished", st.MsgState)
		}
		s.lib.Disconnect() // libotr's user ends it too
		s.handshake(false, 3)
		s.weSay("after restart")
		s.theySay("and back")
	})
	t.Run("libotr closes", func(t *testing.T) {
		s := newWithLibotr(t, libotrpeer.Options{})
		s.handshake(false, 3)
		if tr := s.theirs(s.lib.Disconnect()); tr.our("finished") == nil {
			t.Fatalf("we saw %v, want finished", tr.ourKinds())
		}
		if st := s.lib.Status(); st.MsgState != "plaintext" {
			t.Errorf("libotr is %q after its disconnect, want plaintext", st.MsgState)
		}
		if r := s.us.otr("leak?\n", "send", "--peer", s.us.peer); r.code == 0 || r.stdout != "" {
			t.Fatalf("send after finished: exit %d, stdout %q", r.code, r.stdout)
		}
		s.us.must("", "close", "--peer", s.us.peer)
		s.handshake(true, 3)
		s.weSay("after restart")
		s.theySay("and back")
	})
}
