package otr

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding"
	"hash"
)

// prefixMAC is HMAC-SHA1 under one key that also keeps the inner hash's
// state after the whole 64-byte blocks of a leading part of the data
// that repeats from message to message. A data message's authenticated
// bytes start with the header, the key ids and the next D-H key (about
// 220 bytes), which stay the same for every message sent under the same
// keys; only the counter, the ciphertext and what follows differ. So a
// run of messages hashes those blocks once: 3 SHA-1 blocks per message of
// ordinary length instead of 6. The result is always HMAC-SHA1 of the
// whole data: the kept state is used only when the bytes it absorbed
// equal the message's (compared, since they are public).
type prefixMAC struct {
	key          [sha1.Size]byte
	inner, outer sha1State
	fallback     hash.Hash // crypto/hmac, if sha1 could not save its state
	ipad, opad   []byte    // the states after the padded key blocks
	prefix       []byte    // the whole blocks absorbed into mid
	mid          []byte    // the inner state after ipad and prefix
	sum          [sha1.Size]byte
}

type sha1State interface {
	hash.Hash
	encoding.BinaryAppender
	encoding.BinaryUnmarshaler
}

// macSum returns HMAC-SHA1(key, data), valid until the next call. The
// first stable bytes of data are those likely to repeat in the next call.
func (p *prefixMAC) macSum(key, data []byte, stable int) []byte {
	if p.inner == nil || !bytes.Equal(p.key[:], key) {
		p.setKey(key)
	}
	if p.fallback != nil || p.hashInner(data, stable) != nil {
		return p.slowSum(key, data)
	}
	in := p.inner.Sum(p.sum[:0])
	if p.outer.UnmarshalBinary(p.opad) != nil {
		return p.slowSum(key, data)
	}
	p.outer.Write(in)
	return p.outer.Sum(p.sum[:0])
}

// hashInner leaves in p.inner the state after ipad and all of data.
func (p *prefixMAC) hashInner(data []byte, stable int) error {
	n := min(max(stable, 0), len(data)) &^ (sha1.BlockSize - 1)
	if n == 0 || len(p.prefix) != n || !bytes.Equal(p.prefix, data[:n]) {
		if err := p.inner.UnmarshalBinary(p.ipad); err != nil {
			return err
		}
		p.inner.Write(data[:n])
		mid, err := p.inner.AppendBinary(p.mid[:0])
		if err != nil {
			return err
		}
		p.mid, p.prefix = mid, append(p.prefix[:0], data[:n]...)
	} else if err := p.inner.UnmarshalBinary(p.mid); err != nil {
		return err
	}
	p.inner.Write(data[n:])
	return nil
}

// setKey prepares the padded key states of key (HMAC's K^ipad, K^opad).
func (p *prefixMAC) setKey(key []byte) {
	*p = prefixMAC{ipad: p.ipad[:0], opad: p.opad[:0], mid: p.mid[:0]}
	copy(p.key[:], key)
	in, okIn := sha1.New().(sha1State)
	out, okOut := sha1.New().(sha1State)
	if !okIn || !okOut || len(key) > sha1.BlockSize {
		p.fallback = hmac.New(sha1.New, key)
		p.inner = in
		return
	}
	var pad [sha1.BlockSize]byte
	var err error
	p.inner, p.outer = in, out
	for i := range pad {
		pad[i] = 0x36
		if i < len(key) {
			pad[i] ^= key[i]
		}
	}
	in.Write(pad[:])
	p.ipad, err = in.AppendBinary(p.ipad)
	for i := range pad {
		pad[i] ^= 0x36 ^ 0x5c
	}
	out.Write(pad[:])
	if err == nil {
		p.opad, err = out.AppendBinary(p.opad)
	}
	clear(pad[:])
	if err != nil {
		p.fallback = hmac.New(sha1.New, key)
	}
}

// slowSum is crypto/hmac's answer, for a hash that cannot save its state.
func (p *prefixMAC) slowSum(key, data []byte) []byte {
	if p.fallback == nil {
		p.fallback = hmac.New(sha1.New, key)
	}
	p.fallback.Reset()
	p.fallback.Write(data)
	return p.fallback.Sum(p.sum[:0])
}
