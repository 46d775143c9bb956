package otr

import (
	"bytes"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// splitReceived is wire.SplitPlaintext for a plaintext decrypted in the
// receive buffer, which the next message reuses: the text stays a view
// (showData copies it into the event's string); the TLVs, which events
// and handlers keep, hold copies of their values (wire.ParseTLVs copies).
func splitReceived(plain []byte) (text []byte, tlvs []wire.TLV, err error) {
	i := bytes.IndexByte(plain, 0)
	if i < 0 {
		return plain, nil, nil
	}
	tlvs, err = wire.ParseTLVs(plain[i+1:])
	return plain[:i], tlvs, err
}

// idAndText returns a message event's ID and Text as views of one string
// (one allocation for both): the id of m, then text.
func (s *symCache) idAndText(ssid []byte, m *wire.Data, text []byte) (id, shown string) {
	var buf [messageIDInputMax]byte
	digits := idDigits(s.ids.sum256(messageIDInput(buf[:0], ssid, m)))
	b := append(append(s.shown[:0], digits[:]...), text...)
	s.shown = keep(b)
	both := string(b)
	return both[:IDLen], both[IDLen:]
}

// newEvent appends a zero event to r and returns it, to be filled in place.
func (r *Result) newEvent() *Event {
	r.Events = append(r.Events, Event{})
	return &r.Events[len(r.Events)-1]
}
