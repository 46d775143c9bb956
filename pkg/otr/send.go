package otr

import (
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
		plain, err := c.sendPlaintext(text, opts)
		if err != nil {
			return Result{}, err
		}
		return res, c.sendData(plain, 0, &res)
	case MsgFinished:
		return Result{}, ErrFinished
	}
	p := c.Config.Policy
	if p.RequireEncryption {
		if err := checkQueueable(text); err != nil {
			return Result{}, err
		}
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
