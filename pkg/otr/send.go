package otr

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// SendOptions tune one outgoing message.
type SendOptions struct {
	// Padding adds a padding TLV (type 0) so that the plaintext is at least
	// this many bytes long, hiding the message's length.
	Padding int
	// TLVs are extra records to send after the text.
	TLVs []TLV
}

func checkText(what, text string) error {
	if strings.IndexByte(text, 0) >= 0 {
		return fmt.Errorf("%w: %s", ErrNUL, what)
	}
	return nil
}

// Query returns the OTR query message offering the versions the policy
// allows (nothing when the policy allows no version).
func (c *Conversation) Query() Result {
	p := c.Config.Policy
	if !p.enabled() {
		return Result{}
	}
	return Result{Messages: []string{wire.QueryMessage(p.AllowV2, p.AllowV3)}}
}

// Send prepares text for the peer: encrypted when a private conversation
// is up, otherwise as the policy says.
func (c *Conversation) Send(text string) (Result, error) { return c.SendWith(text, SendOptions{}) }

// SendWith is Send with options. In plaintext, a message is sent as is
// (with a whitespace tag if the policy says so), or, when the policy
// requires encryption, queued until the AKE completes while a query goes
// out (only once for a whole queue). When the peer has ended the
// conversation, nothing is sent and ErrFinished is returned.
func (c *Conversation) SendWith(text string, opts SendOptions) (Result, error) {
	var res Result
	if err := checkText("message", text); err != nil {
		return Result{}, err
	}
	switch c.State.MsgState {
	case MsgEncrypted:
		plain, err := plaintextWith(text, opts.TLVs, opts.Padding)
		if err != nil {
			return Result{}, err
		}
		return res, c.sendData(plain, 0, &res)
	case MsgFinished:
		return Result{}, ErrFinished
	}
	p := c.Config.Policy
	if p.RequireEncryption {
		if len(c.State.Pending) == 0 {
			res = c.Query()
		}
		c.State.Pending = append(c.State.Pending, text)
		res.event(Event{Kind: EventWarning, Text: "message queued until the private conversation is established"})
		return res, nil
	}
	if p.enabled() && p.SendWhitespaceTag && !c.State.SawPlaintext {
		text += wire.WhitespaceTag(p.AllowV2, p.AllowV3)
	}
	res.send(text)
	return res, nil
}

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
	c.wipeSession()
	c.State.MsgState = MsgPlaintext
	c.State.SawPlaintext = false
	res.event(Event{Kind: EventClosed})
	return res, nil
}

// Heartbeat sends an empty data message (flagged IGNORE_UNREADABLE), which
// also lets the keys rotate when one side does all the talking.
func (c *Conversation) Heartbeat() (Result, error) {
	var res Result
	return res, c.sendData(nil, wire.FlagIgnoreUnreadable, &res)
}

// autoHeartbeat sends a heartbeat, as libotr does, when a data message
// arrives after we have been quiet for the heartbeat interval.
func (c *Conversation) autoHeartbeat(res *Result) error {
	iv := c.Config.heartbeatInterval()
	if iv < 0 || c.State.MsgState != MsgEncrypted || c.Config.now().Sub(c.State.LastSent) < iv {
		return nil
	}
	res.event(Event{Kind: EventDebug, Text: "sending a heartbeat after a quiet period"})
	return c.sendData(nil, wire.FlagIgnoreUnreadable, res)
}

// ExtraKey derives the extra symmetric key (v3) of the current sending
// keys and tells the peer with a type 8 TLV carrying use and context.
func (c *Conversation) ExtraKey(use uint32, context []byte) ([]byte, Result, error) {
	st := &c.State
	if st.MsgState != MsgEncrypted {
		return nil, Result{}, ErrNotEncrypted
	}
	if st.Version < 3 {
		return nil, Result{}, fmt.Errorf("%w: the extra symmetric key needs OTR version 3", ErrVersion)
	}
	s, err := st.Keys.sessionKeys(st.Keys.OurKeyID-1, st.Keys.TheirKeyID)
	if err != nil {
		return nil, Result{}, err
	}
	key := append([]byte(nil), s.ExtraKey...)
	value := binary.BigEndian.AppendUint32(nil, use)
	plain, err := plaintextWith("", []TLV{{Type: TLVExtraKey, Value: append(value, context...)}}, 0)
	if err != nil {
		return nil, Result{}, err
	}
	var res Result
	if err := c.sendData(plain, wire.FlagIgnoreUnreadable, &res); err != nil {
		return nil, Result{}, err
	}
	res.event(Event{Kind: EventExtraKey, Use: use, Context: context, Key: key})
	return key, res, nil
}
