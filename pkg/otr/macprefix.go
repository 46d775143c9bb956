package otr

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding"
	"hash"
	"sync"
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
	keyed        bool // key is set
	inner, outer sha1State
	fallback     hash.Hash // crypto/hmac, if sha1 could not save its state
	ipad, opad   []byte    // the states after the padded key blocks
	prefix       []byte    // the whole blocks absorbed into mid
	mid          []byte    // the inner state after ipad and prefix
	pad, state   []byte    // scratch: a padded tail, a saved state
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
	if !p.keyed || !bytes.Equal(p.key[:], key) {
		p.setKey(key)
	}
	if p.fallback != nil {
		return p.slowSum(key, data)
	}
	sum, err := p.fastSum(data, stable)
	if err != nil {
		return p.slowSum(key, data)
	}
	return sum
}

// fastSum is macSum through the kept states.
func (p *prefixMAC) fastSum(data []byte, stable int) ([]byte, error) {
	n, err := p.hashPrefix(data, stable)
	if err != nil {
		return nil, err
	}
	in, err := p.finish(p.inner, sha1.BlockSize+len(data), data[n:])
	if err != nil {
		return nil, err
	}
	if err := p.outer.UnmarshalBinary(p.opad); err != nil {
		return nil, err
	}
	return p.finish(p.outer, sha1.BlockSize+sha1.Size, in)
}

// hashPrefix leaves in p.inner the state after ipad and the first n bytes
// of data (whole blocks of the stable part), and returns n.
func (p *prefixMAC) hashPrefix(data []byte, stable int) (int, error) {
	n := min(max(stable, 0), len(data)) &^ (sha1.BlockSize - 1)
	if n > 0 && len(p.prefix) == n && bytes.Equal(p.prefix, data[:n]) {
		return n, p.inner.UnmarshalBinary(p.mid)
	}
	if err := p.inner.UnmarshalBinary(p.ipad); err != nil {
		return 0, err
	}
	p.inner.Write(data[:n])
	mid, err := p.inner.AppendBinary(p.mid[:0])
	if err != nil {
		return 0, err
	}
	p.mid, p.prefix = mid, append(p.prefix[:0], data[:n]...)
	return n, nil
}

// finish ends a hash h that stands at a block boundary: it writes tail,
// then SHA-1's padding for a message of total bytes, in whole blocks
// straight from one buffer, and reads the digest out of h's saved state
// (its first 20 bytes after the 4-byte format tag are the chaining
// values, the digest once the padding is in). This is what Sum computes,
// without its copy of the state and of the padding into the hash's own
// block buffer. setKey checks the result against crypto/hmac.
func (p *prefixMAC) finish(h sha1State, total int, tail []byte) ([]byte, error) {
	p.pad = appendMDPadding(append(p.pad[:0], tail...), total)
	h.Write(p.pad)
	st, d, err := savedDigest(h, p.state, sha1.Size)
	p.state = st
	if err != nil {
		return nil, err
	}
	copy(p.sum[:], d)
	return p.sum[:], nil
}

// setKey prepares the padded key states of key (HMAC's K^ipad, K^opad).
func (p *prefixMAC) setKey(key []byte) {
	in, out := p.inner, p.outer // the digests and buffers are reused
	*p = prefixMAC{ipad: p.ipad[:0], opad: p.opad[:0], mid: p.mid[:0], prefix: p.prefix[:0],
		pad: p.pad[:0], state: p.state[:0]}
	copy(p.key[:], key)
	if in == nil || out == nil {
		var okIn, okOut bool
		in, okIn = sha1.New().(sha1State)
		out, okOut = sha1.New().(sha1State)
		if !okIn || !okOut {
			in, out = nil, nil
		}
	}
	p.inner, p.outer, p.keyed = in, out, true
	if in == nil || len(key) > sha1.BlockSize || !savedStateWorks() {
		p.fallback = hmac.New(sha1.New, key)
		return
	}
	if err := p.padStates(key); err != nil {
		p.fallback = hmac.New(sha1.New, key)
	}
}

// padStates saves the states after the padded key blocks (HMAC's K^ipad,
// K^opad).
func (p *prefixMAC) padStates(key []byte) error {
	var pad [sha1.BlockSize]byte
	defer clear(pad[:])
	for i := range pad {
		pad[i] = 0x36
		if i < len(key) {
			pad[i] ^= key[i]
		}
	}
	p.inner.Reset()
	p.inner.Write(pad[:])
	var err error
	if p.ipad, err = p.inner.AppendBinary(p.ipad); err != nil {
		return err
	}
	for i := range pad {
		pad[i] ^= 0x36 ^ 0x5c
	}
	p.outer.Reset()
	p.outer.Write(pad[:])
	p.opad, err = p.outer.AppendBinary(p.opad)
	return err
}

// savedStateWorks checks once per process the one thing the kept-state
// path takes from crypto/sha1 beyond its documented interfaces (restoring
// a saved state and writing to it are documented): that a saved state
// holds the digest, once the padding is in, at bytes 4 to 24 (savedDigest).
// A crypto/sha1 whose saved state had another layout fails it and only
// costs the speed, never a wrong MAC. Everything else on that path is this
// package's own code, the same in every process, and checked against
// crypto/hmac by the tests (TestPrefixMACIsHMAC). The check hashes one
// block, the padded empty message (some 6,500 instructions), where
// checking whole MACs against crypto/hmac cost 100,000 at every start.
var savedStateWorks = sync.OnceValue(func() bool {
	h, ok := sha1.New().(sha1State)
	return ok && digestWhereExpected(h)
})

// digestWhereExpected: after the padded empty message, h's saved state
// gives SHA-1("") where savedDigest reads it.
func digestWhereExpected(h sha1State) bool {
	h.Reset()
	var block [sha1.BlockSize]byte
	h.Write(appendMDPadding(block[:0], 0))
	_, d, err := savedDigest(h, nil, sha1.Size)
	return err == nil && string(d) == emptySHA1
}

// emptySHA1 is SHA-1 of no bytes (FIPS 180-4's well-known value).
const emptySHA1 = "\xda\x39\xa3\xee\x5e\x6b\x4b\x0d\x32\x55\xbf\xef\x95\x60\x18\x90\xaf\xd8\x07\x09"

// slowSum is crypto/hmac's answer, for a hash that cannot save its state.
func (p *prefixMAC) slowSum(key, data []byte) []byte {
	if p.fallback == nil {
		p.fallback = hmac.New(sha1.New, key)
	}
	p.fallback.Reset()
	p.fallback.Write(data)
	return p.fallback.Sum(p.sum[:0])
}
