package otr

import "fmt"

// queuedDataOverhead is what a data message adds to its text at most when
// it leaves the queue right after an AKE: the v3 header and instance tags
// (11), flags (1), key ids (8), the next D-H key as an MPI (4 + 192), the
// counter (8), the length of the encrypted data (4), the MAC (20) and an
// empty list of old MAC keys (4; none are pending after an AKE).
const queuedDataOverhead = 11 + 1 + 8 + 4 + 192 + 8 + 4 + 20 + 4

// checkQueueable refuses a message whose data message, once the AKE is
// done, would be longer than any receiver of this library reassembles:
// queued, it would be sent only to be refused unseen.
func checkQueueable(text string) error {
	raw := len(text) + queuedDataOverhead
	if encoded := len("?OTR:") + (raw+2)/3*4 + len("."); encoded > MaxReassembled {
		return fmt.Errorf("%w: queued, its encoding would exceed %d characters, the most a receiver reassembles", ErrTooLarge, MaxReassembled)
	}
	return nil
}
