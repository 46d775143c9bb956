package otr

// SMPState is the Socialist Millionaires' Protocol state (placeholder until
// the SMP work lands).
type SMPState struct{}

// receiveSMP handles an SMP TLV (not yet implemented: ignored).
func (c *Conversation) receiveSMP(t TLV, res *Result) error { return nil }

// StartSMP starts the Socialist Millionaires' Protocol with a secret and an
// optional question ("" for none).
func (c *Conversation) StartSMP(secret []byte, question string) (Result, error) {
	return Result{}, ErrSMPState
}

// AnswerSMP answers the peer's SMP request with our secret.
func (c *Conversation) AnswerSMP(secret []byte) (Result, error) { return Result{}, ErrNoSMPRequest }

// AbortSMP aborts any SMP in progress and tells the peer.
func (c *Conversation) AbortSMP() (Result, error) { return Result{}, nil }
