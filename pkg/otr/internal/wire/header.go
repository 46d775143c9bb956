package wire

import "fmt"

// Message types of the encoded (binary) messages.
const (
	TypeDHCommit  byte = 0x02
	TypeData      byte = 0x03
	TypeDHKey     byte = 0x0a
	TypeRevealSig byte = 0x11
	TypeSig       byte = 0x12
)

// FlagIgnoreUnreadable asks the receiver to stay silent if it cannot
// decrypt a data message.
const FlagIgnoreUnreadable = 0x01

// Header starts every encoded message. The instance tags exist on the wire
// only when Version is 3.
type Header struct {
	Version     uint16
	Type        byte
	SenderTag   uint32
	ReceiverTag uint32
}

// Hdr returns the header itself; it lets all messages share the Message interface.
func (h *Header) Hdr() *Header { return h }

// Message is any decoded encoded message.
type Message interface {
	Hdr() *Header
	Marshal() []byte
}

// appendHeader writes h with the given type: a message's Marshal always
// writes its own type, whatever h.Type says.
func (h *Header) appendHeader(b []byte, typ byte) []byte {
	b = AppendShort(b, h.Version)
	b = AppendByte(b, typ)
	if h.Version == 3 {
		b = AppendInt(b, h.SenderTag)
		b = AppendInt(b, h.ReceiverTag)
	}
	return b
}

// readHeader reads and checks the version and type, and the tags for v3.
func readHeader(r *Reader) (Header, error) {
	var h Header
	h.Version = r.Short("protocol version")
	if r.Err() == nil && h.Version != 2 && h.Version != 3 {
		return h, &FieldError{Field: "protocol version", Offset: 0,
			Reason: fmt.Sprintf("version %d is not supported (only 2 and 3)", h.Version),
			Err:    ErrUnsupportedVersion}
	}
	h.Type = r.Byte("message type")
	if h.Version == 3 {
		h.SenderTag = r.Int("sender instance tag")
		h.ReceiverTag = r.Int("receiver instance tag")
	}
	return h, r.Err()
}
