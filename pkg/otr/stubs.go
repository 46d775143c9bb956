package otr

import "errors"

// Temporary stubs: each moves to its own file as it is implemented.

var errNotImplemented = errors.New("otr: not implemented yet")

// TLV is a type/length/value record carried inside a data message.
type TLV struct {
	Type  uint16
	Value []byte
}

// SendOptions tune one outgoing message.
type SendOptions struct {
	// Padding adds a padding TLV (type 0) so that the plaintext is at least
	// this many bytes long, hiding the message's length.
	Padding int
	// TLVs are extra records to send after the text.
	TLVs []TLV
}

// Query returns the OTR query message offering the versions the policy allows.
func (c *Conversation) Query() Result { return Result{} }

// Send prepares text for the peer: encrypted when a private conversation
// is up, otherwise as the policy says.
func (c *Conversation) Send(text string) (Result, error) { return c.SendWith(text, SendOptions{}) }

// SendWith is Send with options.
func (c *Conversation) SendWith(text string, opts SendOptions) (Result, error) {
	return Result{}, errNotImplemented
}

// Receive handles one incoming line from the peer.
func (c *Conversation) Receive(line string) (Result, error) { return Result{}, errNotImplemented }

// End ends the private conversation (sends the disconnect TLV when encrypted).
func (c *Conversation) End() (Result, error) { return Result{}, errNotImplemented }

// Heartbeat sends an empty data message.
func (c *Conversation) Heartbeat() (Result, error) { return Result{}, errNotImplemented }

// ExtraKey derives the extra symmetric key and tells the peer (TLV 8).
func (c *Conversation) ExtraKey(use uint32, context []byte) ([]byte, Result, error) {
	return nil, Result{}, errNotImplemented
}

// StartSMP starts the Socialist Millionaires' Protocol with a secret and an
// optional question ("" for none).
func (c *Conversation) StartSMP(secret []byte, question string) (Result, error) {
	return Result{}, errNotImplemented
}

// AnswerSMP answers the peer's SMP request with our secret.
func (c *Conversation) AnswerSMP(secret []byte) (Result, error) { return Result{}, errNotImplemented }

// AbortSMP aborts any SMP in progress and tells the peer.
func (c *Conversation) AbortSMP() (Result, error) { return Result{}, errNotImplemented }
