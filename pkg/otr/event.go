package otr

// EventKind names what happened, with the names of the CLI's display stream.
type EventKind string

// The event kinds. Their string values are the "event" names of the
// CLI's --json display stream (see docs/cli.md).
const (
	EventMessage      EventKind = "message"       // a message to show; ID, Text, Encrypted, OldMACKeys
	EventSecure       EventKind = "secure"        // the AKE finished; Version, Fingerprint, SSID
	EventFinished     EventKind = "finished"      // the peer ended the private conversation
	EventClosed       EventKind = "closed"        // we ended it
	EventSMPRequest   EventKind = "smp_request"   // the peer started SMP; Question if HasQuestion
	EventSMPSucceeded EventKind = "smp_succeeded" // the secrets matched; the peer is verified unless HasQuestion
	EventSMPFailed    EventKind = "smp_failed"    // the secrets differ; HasQuestion as for smp_succeeded
	EventSMPAborted   EventKind = "smp_aborted"   // SMP ended early (by either side or on bad input)
	EventExtraKey     EventKind = "extra_key"     // an extra symmetric key; Use, Context, Key
	EventHeartbeat    EventKind = "heartbeat"     // the peer sent an empty data message
	EventError        EventKind = "error"         // something went wrong; Text, Err
	EventWarning      EventKind = "warning"       // worth telling the user, not an error; Text
	EventDebug        EventKind = "debug"         // internal detail; Text
)

// Event is one thing to tell the user. Which fields are set depends on Kind.
type Event struct {
	Kind EventKind

	// Text is the message (EventMessage), error text (EventError) or
	// explanation (EventWarning, EventDebug).
	Text string
	// ID names a message (EventMessage): IDLen hex digits. An encrypted
	// message decrypted again in the same session gets the same ID, so a
	// consumer may drop repeated IDs; two different messages never share
	// one. An unencrypted message has no identity in the protocol: its ID
	// is random, new at each showing.
	ID string
	// Encrypted says whether a message arrived inside OTR encryption.
	Encrypted bool
	// OldMACKeys are the MAC keys the peer revealed with this message.
	OldMACKeys [][]byte
	// TLVs are the TLV records that came with a message, for debugging.
	TLVs []TLV

	// Version, Fingerprint (the peer's, raw SHA-1) and SSID describe a new
	// secure session; Trusted is filled in by callers that keep trust.
	Version     int
	Fingerprint []byte
	SSID        []byte
	// Refreshed: the AKE replaced a private conversation that was up
	// rather than starting one (pidgin-otr's "Refresh private conversation").
	Refreshed bool

	// Question is the SMP question of an EventSMPRequest when HasQuestion.
	// On EventSMPSucceeded and EventSMPFailed, HasQuestion says that we
	// answered the peer's Question in this run: as in libotr, such a run
	// verifies us to the peer, not the peer to us (ask your own question).
	Question    string
	HasQuestion bool

	// Use, Context and Key describe an extra symmetric key.
	Use     uint32
	Context []byte
	Key     []byte

	// Err is the error behind an EventError, for errors.Is/As.
	Err error
}

// Result is what one call produced: wire lines to deliver to the peer, in
// order, one per line (fragments already split), and events for the user.
type Result struct {
	Messages []string
	Events   []Event
}

func (r *Result) send(lines ...string) { r.Messages = append(r.Messages, lines...) }

func (r *Result) event(e Event) { r.Events = append(r.Events, e) }

func (r *Result) add(o Result) {
	r.Messages = append(r.Messages, o.Messages...)
	r.Events = append(r.Events, o.Events...)
}
