package otr

import (
	"bytes"
	"testing"
)

// libSMPOutcome maps libotr's SMP events to ours.
func (l *libEndpoint) smpOutcome(t *testing.T) EventKind {
	t.Helper()
	var got []EventKind
	for _, e := range l.events {
		switch e.Kind {
		case "smp_success":
			got = append(got, EventSMPSucceeded)
		case "smp_failure":
			got = append(got, EventSMPFailed)
		case "smp_abort", "smp_cheated", "smp_error":
			got = append(got, EventSMPAborted)
		}
	}
	l.events = nil
	if len(got) != 1 {
		t.Fatalf("libotr SMP outcome events %v", got)
	}
	return got[0]
}

func TestLibotrSMP(t *testing.T) {
	for _, tc := range libCases {
		for _, sc := range []struct {
			name, ours, theirs, question string
			weStart                      bool
			want                         EventKind
		}{
			{"we-start-success", "correct horse", "correct horse", "", true, EventSMPSucceeded},
			{"we-start-failure", "correct horse", "battery staple", "", true, EventSMPFailed},
			{"we-ask-question", "42", "42", "the answer?\t\"☃\"", true, EventSMPSucceeded},
			{"they-start-success", "s3cret", "s3cret", "", false, EventSMPSucceeded},
			{"they-start-failure", "s3cret", "other", "", false, EventSMPFailed},
			{"they-ask-question", "blue", "blue", "favourite colour?", false, EventSMPSucceeded},
		} {
			t.Run(tc.name+"/"+sc.name, func(t *testing.T) {
				us, lib := startLib(t, tc, true, 0)
				lib.events = nil
				if sc.weStart {
					res, err := us.c.StartSMP([]byte(sc.ours), sc.question)
					if err != nil {
						t.Fatal(err)
					}
					pump(t, us, lib, res.Messages)
					ask := "smp_ask_for_secret"
					if sc.question != "" {
						ask = "smp_ask_for_answer"
					}
					if !lib.has(ask) {
						t.Fatalf("libotr events %+v, want %s", lib.events, ask)
					}
					out := lib.p.AnswerSMP(sc.theirs)
					lib.collect(out)
					pump(t, lib, us, out.Wire)
				} else {
					out := lib.p.StartSMP(sc.theirs, sc.question)
					lib.collect(out)
					pump(t, lib, us, out.Wire)
					reqs := us.take(EventSMPRequest)
					if len(reqs) != 1 || reqs[0].Question != sc.question || reqs[0].HasQuestion != (sc.question != "") {
						t.Fatalf("smp_request %+v", reqs)
					}
					res, err := us.c.AnswerSMP([]byte(sc.ours))
					if err != nil {
						t.Fatal(err)
					}
					pump(t, us, lib, res.Messages)
				}
				if got := outcome(t, us); got != sc.want {
					t.Fatalf("our outcome %s, want %s", got, sc.want)
				}
				if got := lib.smpOutcome(t); got != sc.want {
					t.Fatalf("libotr's outcome %s, want %s", got, sc.want)
				}
				sendToLib(t, us, lib, "after SMP")
			})
		}
	}
}

func TestLibotrSMPAbort(t *testing.T) {
	for _, tc := range libCases {
		t.Run(tc.name+"/we-abort", func(t *testing.T) {
			us, lib := startLib(t, tc, true, 0)
			out := lib.p.StartSMP("x", "")
			pump(t, lib, us, out.Wire)
			res, err := us.c.AbortSMP()
			if err != nil {
				t.Fatal(err)
			}
			lib.events = nil
			pump(t, us, lib, res.Messages)
			if st := lib.p.Status(); st.SMPExpect != 1 {
				t.Fatalf("libotr expects SMP message %d after our abort", st.SMPExpect)
			}
		})
		t.Run(tc.name+"/they-abort", func(t *testing.T) {
			us, lib := startLib(t, tc, true, 0)
			res, _ := us.c.StartSMP([]byte("x"), "")
			pump(t, us, lib, res.Messages)
			out := lib.p.AbortSMP()
			pump(t, lib, us, out.Wire)
			if len(us.take(EventSMPAborted)) != 1 || us.c.SMPInProgress() {
				t.Fatal("libotr's abort not seen")
			}
		})
	}
}

// TestLibotrSMPFragmented: SMP messages forced into small fragments.
func TestLibotrSMPFragmented(t *testing.T) {
	us, lib := startLib(t, libCases[0], true, 0)
	us.c.Config.SMPFragmentSize = 200
	res, err := us.c.StartSMP([]byte("frag"), "q")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) < 5 {
		t.Fatalf("SMP message 1 in %d fragments of 200", len(res.Messages))
	}
	pump(t, us, lib, res.Messages)
	out := lib.p.AnswerSMP("frag")
	pump(t, lib, us, out.Wire)
	if outcome(t, us) != EventSMPSucceeded {
		t.Fatal("fragmented SMP failed")
	}
}

func TestLibotrExtraKey(t *testing.T) {
	us, lib := startLib(t, libCases[0], true, 0)
	sendFromLib(t, lib, us, "rotate first")
	// Ours to libotr.
	key, res, err := us.c.ExtraKey(7, []byte("file.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lib.events = nil
	pump(t, us, lib, res.Messages)
	var got []byte
	for _, e := range lib.events {
		if e.Kind == "symkey" && e.Use == 7 && string(e.Context) == "file.txt" {
			got = e.Key
		}
	}
	if len(key) != 32 || !bytes.Equal(got, key) {
		t.Fatalf("extra key: ours %x, libotr's %x", key, got)
	}
	// libotr's to us.
	libKey, out := lib.p.ExtraKey(9, []byte{1, 2, 3})
	pump(t, lib, us, out.Wire)
	evs := us.take(EventExtraKey)
	if len(evs) != 1 || evs[0].Use != 9 || !bytes.Equal(evs[0].Context, []byte{1, 2, 3}) || !bytes.Equal(evs[0].Key, libKey) {
		t.Fatalf("extra key events %+v, libotr's key %x", evs, libKey)
	}
}

func TestLibotrDisconnect(t *testing.T) {
	for _, tc := range libCases {
		t.Run(tc.name+"/we-close", func(t *testing.T) {
			us, lib := startLib(t, tc, true, 0)
			res, err := us.c.End()
			if err != nil {
				t.Fatal(err)
			}
			pump(t, us, lib, res.Messages)
			if st := lib.p.Status(); st.MsgState != "finished" {
				t.Fatalf("libotr in %s after our disconnect", st.MsgState)
			}
		})
		t.Run(tc.name+"/they-close", func(t *testing.T) {
			us, lib := startLib(t, tc, true, 0)
			out := lib.p.Disconnect()
			pump(t, lib, us, out.Wire)
			if us.c.State.MsgState != MsgFinished || len(us.take(EventFinished)) != 1 {
				t.Fatalf("we are %s after libotr's disconnect", us.c.State.MsgState)
			}
		})
	}
}

func TestLibotrHeartbeat(t *testing.T) {
	us, lib := startLib(t, libCases[0], true, 0)
	lib.shown = nil
	res, err := us.c.Heartbeat()
	if err != nil {
		t.Fatal(err)
	}
	pump(t, us, lib, res.Messages)
	if len(lib.shown) != 0 {
		t.Fatalf("libotr showed a heartbeat as %q", lib.shown)
	}
	recognised := false
	for _, e := range lib.events {
		switch {
		case e.Kind == "msg_event" && e.Name == "OTRL_MSGEVENT_LOG_HEARTBEAT_RCVD":
			recognised = true
		case e.Kind == "msg_event":
			t.Fatalf("libotr complained about our heartbeat: %+v", e)
		}
	}
	if !recognised {
		t.Fatalf("libotr did not log a heartbeat: %+v", lib.events)
	}
	// The heartbeat carried our next key: libotr's reply uses it.
	sendFromLib(t, lib, us, "after heartbeat")
	sendToLib(t, us, lib, "and back")
}

// TestLibotrPaddingAndSMPWithMessage: a padded message and a message that
// starts SMP alongside its text, both read by libotr.
func TestLibotrPaddingAndSMPWithMessage(t *testing.T) {
	us, lib := startLib(t, libCases[0], true, 0)
	res, err := us.c.SendWith("padded", SendOptions{Padding: 300})
	if err != nil {
		t.Fatal(err)
	}
	pump(t, us, lib, res.Messages)
	if lib.lastShown(t) != "padded" {
		t.Fatal("libotr did not show the padded message")
	}
	lib.events = nil
	res, err = us.c.SendWithSMP("shall we verify?", []byte("pw"), "")
	if err != nil {
		t.Fatal(err)
	}
	pump(t, us, lib, res.Messages)
	if lib.lastShown(t) != "shall we verify?" || !lib.has("smp_ask_for_secret") {
		t.Fatalf("libotr: shown %q, events %+v", lib.lastShown(t), lib.events)
	}
	out := lib.p.AnswerSMP("pw")
	pump(t, lib, us, out.Wire)
	if outcome(t, us) != EventSMPSucceeded {
		t.Fatal("SMP started with a message failed")
	}
}
