package otr

import "github.com/otrtool/otr/pkg/otr/internal/wire"

// End ends the private conversation: when encrypted, a disconnect TLV
// goes to the peer and the keys are forgotten; from finished, we return to
// plaintext. The closed event follows in both cases.
func (c *Conversation) End() (Result, error) {
	var res Result
	switch c.State.MsgState {
	case MsgEncrypted:
		plain := wire.JoinPlaintext(nil, []TLV{{Type: TLVDisconnected}})
		if err := c.sendData(plain, wire.FlagIgnoreUnreadable, &res); err != nil {
			return Result{}, err
		}
	case MsgFinished:
	default:
		return res, nil
	}
	c.wipeSession(&res)
	c.State.MsgState = MsgPlaintext
	c.State.SawPlaintext = false
	res.event(Event{Kind: EventClosed})
	return res, nil
}

// finish is the peer's disconnect: forget the keys, refuse to send until
// the user ends or restarts the conversation.
func (c *Conversation) finish(res *Result) {
	c.wipeSession(res)
	c.State.MsgState = MsgFinished
	res.event(Event{Kind: EventFinished})
}

// wipeSession forgets every key of the private conversation; an SMP run
// it cuts short is reported as aborted.
func (c *Conversation) wipeSession(res *Result) {
	st := &c.State
	if st.SMP.InProgress() {
		res.event(Event{Kind: EventSMPAborted, Text: "the private conversation ended"})
	}
	st.Keys, st.SMP, st.SSID, st.Version = KeyState{}, SMPState{}, nil, 0
}
