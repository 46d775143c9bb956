package smp

// Outcome is what a received message did to the exchange.
type Outcome int

// The outcomes of Receive.
const (
	// None: the exchange continues; send the reply, if any.
	None Outcome = iota
	// Request: the peer started SMP; ask the user and call Answer.
	Request
	// Succeeded: both secrets are equal.
	Succeeded
	// Failed: the secrets differ.
	Failed
	// Aborted: the peer aborted, or its message was out of order or invalid.
	Aborted
)

var outcomeNames = [...]string{"none", "request", "succeeded", "failed", "aborted"}

func (o Outcome) String() string {
	if o < 0 || int(o) >= len(outcomeNames) {
		return "unknown"
	}
	return outcomeNames[o]
}
