package otr

import (
	"encoding/binary"
	"fmt"
)

// sessionKeys returns the keys of the pair (ourID, theirID), deriving and
// caching them on first use. It fails for key ids the spec says to reject.
func (k *KeyState) sessionKeys(ourID, theirID uint32) (*SessionKeys, error) {
	for i := range k.Sessions {
		if s := &k.Sessions[i]; s.OurKeyID == ourID && s.TheirKeyID == theirID {
			return s, nil
		}
	}
	our, ok := k.ourPair(ourID)
	if !ok {
		return nil, fmt.Errorf("%w: recipient key id %d (ours are %d and %d)", ErrUnknownKeyID, ourID, k.OurKeyID-1, k.OurKeyID)
	}
	their, ok := k.theirPublic(theirID)
	if !ok {
		return nil, fmt.Errorf("%w: sender key id %d (theirs are %d and %d)", ErrUnknownKeyID, theirID, k.TheirKeyID-1, k.TheirKeyID)
	}
	s := deriveSessionKeys(our.Private, our.Public, their)
	s.OurKeyID, s.TheirKeyID = ourID, theirID
	k.Sessions = append(k.Sessions, s)
	return &k.Sessions[len(k.Sessions)-1], nil
}

// derived reports whether the keys of the pair (ourID, theirID) are cached.
func (k *KeyState) derived(ourID, theirID uint32) bool {
	for i := range k.Sessions {
		if s := &k.Sessions[i]; s.OurKeyID == ourID && s.TheirKeyID == theirID {
			return true
		}
	}
	return false
}

func (k *KeyState) ourPair(id uint32) (DHPair, bool) {
	switch {
	case id == 0:
		return DHPair{}, false
	case id == k.OurKeyID:
		return k.OurCurrent, len(k.OurCurrent.Private) > 0
	case id == k.OurKeyID-1:
		return k.OurPrevious, len(k.OurPrevious.Private) > 0
	}
	return DHPair{}, false
}

func (k *KeyState) theirPublic(id uint32) ([]byte, bool) {
	switch {
	case id == 0:
		return nil, false
	case id == k.TheirKeyID:
		return k.TheirCurrent, len(k.TheirCurrent) > 0
	case id == k.TheirKeyID-1:
		return k.TheirPrevious, len(k.TheirPrevious) > 0
	}
	return nil, false
}

// rotateOurs forgets our previous key pair once the peer has seen our
// current one, and makes a new current pair.
func (k *KeyState) rotateOurs(next DHPair) {
	k.forget(func(s *SessionKeys) bool { return s.OurKeyID == k.OurKeyID-1 })
	k.OurPrevious, k.OurCurrent = k.OurCurrent, next
	k.OurKeyID++
}

// rotateTheirs moves to the peer's next public key.
func (k *KeyState) rotateTheirs(next []byte) {
	k.forget(func(s *SessionKeys) bool { return s.TheirKeyID == k.TheirKeyID-1 })
	k.TheirPrevious, k.TheirCurrent = k.TheirCurrent, next
	k.TheirKeyID++
}

// forget drops the session keys that match, queueing for revelation the
// receiving MAC keys that verified messages.
func (k *KeyState) forget(match func(*SessionKeys) bool) {
	kept := k.Sessions[:0]
	for _, s := range k.Sessions {
		if !match(&s) {
			kept = append(kept, s)
			continue
		}
		if s.RecvMACUsed {
			k.OldMACKeys = append(k.OldMACKeys, s.RecvMAC...)
		}
	}
	k.Sessions = kept
	if over := len(k.OldMACKeys) - maxRevealedMACKeys*20; over > 0 {
		k.OldMACKeys = k.OldMACKeys[over:]
	}
}

// maxRevealedMACKeys bounds the MAC keys waiting to be revealed: a peer
// that rotates its keys on every message while we stay silent cannot make
// our saved state grow without end (the oldest keys are then never revealed).
const maxRevealedMACKeys = 256

// counterBytes renders a counter's top half as the CTR field.
func counterBytes(n uint64) (b [8]byte) {
	for i := 7; i >= 0; i-- {
		b[i] = byte(n)
		n >>= 8
	}
	return b
}

func counterValue(b [8]byte) uint64 { return binary.BigEndian.Uint64(b[:]) }
