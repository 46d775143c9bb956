package wire

import "fmt"

// Decode parses one binary encoded message (already base64-decoded). It
// rejects versions other than 2 and 3, unknown types, truncation and
// trailing bytes. The result never aliases b, except Data.Authenticated.
func Decode(b []byte) (Message, error) {
	r := NewReader(b)
	h, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	m, err := readBody(r, h, b)
	if err != nil {
		return nil, err
	}
	return m, nil
}

func readBody(r *Reader, h Header, b []byte) (Message, error) {
	switch h.Type {
	case TypeDHCommit:
		return readDHCommit(r, h)
	case TypeDHKey:
		return readDHKey(r, h)
	case TypeRevealSig:
		return readRevealSig(r, h)
	case TypeSig:
		return readSig(r, h)
	case TypeData:
		return readData(r, h, b)
	}
	return nil, &FieldError{Field: "message type", Offset: 2,
		Reason: fmt.Sprintf("unknown type 0x%02x", h.Type), Err: ErrUnknownType}
}
