package otr

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// IDLen is the length in hex digits of a message event's ID (96 bits).
const IDLen = 24

// messageIDDomain separates these hashes from every other use of SHA-256.
const messageIDDomain = "otr message id v1\x00"

// dataMessageIDBytes names a data message received in the session ssid. The
// protocol itself identifies an accepted message: within one session
// (SSID), one pair of key ids and one direction, the counter never
// repeats (a repeat is refused as a replay). The hash also covers the
// instance tags (v3) and the MAC, which covers the ciphertext, so even a
// peer reusing a counter (possible only if our state was rolled back by a
// crash before its save) cannot make two different texts share an id,
// while the very same line decrypted again always gets the same one.
//
// It returns the id's hex digits in an array. A received message's id is
// computed by symCache.idAndText, through a reused hash, to the same
// digits.
func dataMessageIDBytes(ssid []byte, m *wire.Data) [IDLen]byte {
	var buf [messageIDInputMax]byte
	return idDigits(sha256.Sum256(messageIDInput(buf[:0], ssid, m)))
}

// messageIDInputMax bounds messageIDInput's bytes (an SSID is 8 bytes; 32
// leaves room).
const messageIDInputMax = len(messageIDDomain) + 4 + 32 + 5*4 + 8 + 20

// messageIDInput appends the hashed bytes: domain, len(ssid), ssid,
// version, tags, key ids, counter, MAC.
func messageIDInput(b, ssid []byte, m *wire.Data) []byte {
	b = append(b, messageIDDomain...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(ssid)))
	b = append(b, ssid...)
	for _, v := range [...]uint32{uint32(m.Version), m.SenderTag, m.ReceiverTag, m.SenderKeyID, m.RecipientKeyID} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	b = append(b, m.Counter[:]...)
	return append(b, m.MAC[:]...)
}

// idDigits is an id: the first IDLen/2 bytes of the hash, in hex.
func idDigits(sum [sha256.Size]byte) [IDLen]byte {
	var id [IDLen]byte
	hex.Encode(id[:], sum[:IDLen/2])
	return id
}

// plaintextID names a message that came without encryption. Such a
// message has no identity in the protocol (the same words may honestly be
// sent twice), and no state changes when it arrives, so nothing could
// tell a second showing of one line from a second line with the same
// text. The id is therefore random: two messages never share one, at the
// price that the same line fed again gets a new id.
func (c *Conversation) plaintextID() (string, error) {
	var b [IDLen / 2]byte
	if _, err := io.ReadFull(c.Config.rand(), b[:]); err != nil {
		return "", fmt.Errorf("otr: message id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// showPlaintext raises the message event of an unencrypted message.
func (c *Conversation) showPlaintext(text string, res *Result) error {
	id, err := c.plaintextID()
	if err != nil {
		return err
	}
	res.event(Event{Kind: EventMessage, Text: text, ID: id})
	return nil
}
