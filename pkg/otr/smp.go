package otr

// SMPState is the Socialist Millionaires' Protocol state (placeholder until
// the SMP work lands).
type SMPState struct{}
