package otr

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"

	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// symCache is the part of a conversation that is not saved: the AES and
// HMAC states of the current data-message keys and two scratch buffers,
// kept so that a run of messages under the same keys allocates no cipher
// state. It is rebuilt whenever a key differs, so replacing the saved
// State at any time is safe. A Conversation is not for concurrent use.
type symCache struct {
	aes   [2]aesSlot // by direction: sending, receiving
	mac   [2]prefixMAC
	plain []byte    // the plaintext being sent
	out   []byte    // the binary message being sent
	in    []byte    // the binary message being received
	data  wire.Data // the data message being received
	shown []byte    // a received message's id and text
	ids   idHasher  // SHA-256 of message ids
}

// ErrBadSessionKey is returned for a saved session key of the wrong size.
var ErrBadSessionKey = errors.New("otr: saved session key of the wrong size")

const (
	dirSend = 0
	dirRecv = 1
)

// maxKeptBuffer bounds the scratch buffers kept between messages, so one
// huge message does not pin its memory for the conversation's life.
const maxKeptBuffer = 64 << 10

type aesSlot struct {
	key     [16]byte
	block   cipher.Block
	scratch kdf.CTRScratch
}

func (c *Conversation) symCache() *symCache {
	if c.sym == nil {
		c.sym = &symCache{}
	}
	return c.sym
}

// xorCTR is AES-128-CTR under key (16 bytes, as derived; a saved state
// with another length is an error) with the counter's top half ctr.
func (s *symCache) xorCTR(dir int, key []byte, ctr [8]byte, dst, src []byte) error {
	b, err := s.block(dir, key)
	if err != nil {
		return err
	}
	kdf.XORKeyStreamCTR(b, ctr, dst, src, &s.aes[dir].scratch)
	return nil
}

// block returns the AES cipher of key.
func (s *symCache) block(dir int, key []byte) (cipher.Block, error) {
	slot := &s.aes[dir]
	if slot.block == nil || !bytes.Equal(slot.key[:], key) {
		if len(key) != len(slot.key) {
			return nil, fmt.Errorf("%w: AES key of %d bytes", ErrBadSessionKey, len(key))
		}
		b, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		copy(slot.key[:], key)
		slot.block = b
	}
	return slot.block, nil
}

// hmacSHA1 returns the SHA1-HMAC of data under key (20 bytes, as derived),
// in memory reused by the next call for the same direction. The first
// stable bytes of data (a data message's bytes up to its next D-H key) are
// likely the same in the next call: see prefixMAC.
func (s *symCache) hmacSHA1(dir int, key, data []byte, stable int) []byte {
	return s.mac[dir].macSum(key, data, stable)
}

// keep stores a scratch buffer for reuse unless it grew too large.
func keep(buf []byte) []byte {
	if cap(buf) > maxKeptBuffer {
		return nil
	}
	return buf[:0]
}

// sendPlaintext is the plaintext of a message to send: the text alone, in
// the reused buffer, when there are no TLVs and no padding; otherwise as
// plaintextWith builds it. The result is valid until the next send.
func (c *Conversation) sendPlaintext(text string, opts SendOptions) ([]byte, error) {
	if len(opts.TLVs) > 0 || opts.Padding > 0 {
		return plaintextWith(text, opts.TLVs, opts.Padding)
	}
	sc := c.symCache()
	plain := append(sc.plain[:0], text...)
	sc.plain = keep(plain)
	return plain, nil
}

// decode is wire.Decode, with a data message decoded into the reused
// s.data: valid until the next call. Its Encrypted is a view of bin
// (decrypted there, in place: receiveData copies what a Result keeps);
// its OldMACKeys are the message's own copy, kept by events.
func (s *symCache) decode(bin []byte) (wire.Message, error) {
	if len(bin) > 2 && bin[2] == wire.TypeData {
		if err := wire.DecodeDataView(bin, &s.data); err != nil {
			return nil, err
		}
		return &s.data, nil
	}
	return wire.Decode(bin)
}
