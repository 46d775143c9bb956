package libotrpeer

import (
	"encoding/hex"
	"strconv"
)

// Event is one libotr callback.
//
// Kinds: "message" (Text shown, Encrypted when it came out of a data
// message), "gone_secure", "gone_insecure", "still_secure" (Reply),
// "new_fingerprint" (Key = 20-byte fingerprint), "smp_ask_for_secret",
// "smp_ask_for_answer" (Question), "smp_in_progress", "smp_success",
// "smp_failure", "smp_abort", "smp_cheated", "smp_error" (all with
// Progress in percent), "symkey" (Use, Context, Key), "msg_event" (Name =
// OTRL_MSGEVENT_* name, Text, Err), "create_privkey" (Text = account) and
// "error" (Text: a libotr call failed).
type Event struct {
	Kind, Name, Text, Question string
	Encrypted, Reply           bool
	Use                        uint32
	Context, Key               []byte
	Progress                   int
	Err                        string // gcry_strerror of a msg_event's error, if any
}

// Output is what one step of the peer produced.
type Output struct {
	Wire   []string // every line libotr asked to send, in order (one per fragment)
	Events []Event
	Shown  string // the plaintext libotr handed to the user on Receive
	Ignore bool   // otrl_message_receiving said: internal protocol message
}

// Kinds lists the event kinds in order, for quick assertions.
func (o Output) Kinds() []string {
	kinds := make([]string, len(o.Events))
	for i, e := range o.Events {
		kinds[i] = e.Kind
	}
	return kinds
}

// Has reports whether an event of the given kind happened.
func (o Output) Has(kind string) bool {
	_, ok := o.Find(kind)
	return ok
}

// Find returns the first event of the given kind.
func (o Output) Find(kind string) (Event, bool) {
	for _, e := range o.Events {
		if e.Kind == kind {
			return e, true
		}
	}
	return Event{}, false
}

// Status describes the buddy's best context (OTRL_INSTAG_BEST).
type Status struct {
	MsgState         string // "plaintext", "encrypted", "finished"
	AuthState        string // "none", "awaiting_dhkey", "awaiting_revealsig", "awaiting_sig"
	Version          int    // protocol version in use, 0 before any AKE
	OurInstance      uint32
	TheirInstance    uint32
	TheirFingerprint string // 40 lower-case hex, "" when unknown
	SSID             string // hex of the session id while encrypted
	SSIDHalf         string // "first" or "second": which half libotr shows bold
	SMPExpect        int    // next SMP message expected, 1..5
	SMPResult        string // "ok", "failed", "cheated", "succeeded"
	// TheirTrust is the active fingerprint's trust: "smp" after libotr
	// verified the buddy by SMP, "" when not verified.
	TheirTrust string
}

func toOutput(records []record) Output {
	var out Output
	for _, r := range records {
		switch r.tag {
		case "wire":
			out.Wire = append(out.Wire, r.fields["text"])
		case "ignore":
			out.Ignore = true
		case "event":
			e := toEvent(r.fields)
			if e.Kind == "message" {
				out.Shown = e.Text
			}
			out.Events = append(out.Events, e)
		}
	}
	return out
}

func toEvent(f map[string]string) Event {
	return Event{
		Kind: f["kind"], Name: f["name"], Text: f["text"], Question: f["question"],
		Encrypted: f["encrypted"] == "1", Reply: f["reply"] == "1",
		Use: uint32(atoi(f["use"])), Context: bytesOrNil(f["context"]), Key: bytesOrNil(f["key"]),
		Progress: atoi(f["progress"]), Err: f["err"],
	}
}

var smpResults = map[string]string{"0": "ok", "-1": "failed", "-2": "cheated", "1": "succeeded"}

func toStatus(f map[string]string) Status {
	s := Status{
		MsgState: f["msgstate"], AuthState: f["auth"], Version: atoi(f["version"]),
		OurInstance: uint32(atoi(f["our_instance"])), TheirInstance: uint32(atoi(f["their_instance"])),
		TheirFingerprint: hex.EncodeToString([]byte(f["their_fp"])), SSID: hex.EncodeToString([]byte(f["ssid"])),
		SSIDHalf: f["ssid_half"], SMPExpect: atoi(f["smp_expect"]), SMPResult: smpResults[f["smp_prog"]],
	}
	s.TheirTrust = f["their_trust"]
	if s.MsgState == "" {
		s.MsgState, s.AuthState = "plaintext", "none"
	}
	return s
}

func atoi(s string) int {
	n, _ := strconv.ParseInt(s, 10, 64)
	return int(n)
}

func bytesOrNil(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}
