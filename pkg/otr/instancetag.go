package otr

import (
	"crypto/rand"
	"encoding/binary"
	"io"
)

// MinInstanceTag is the smallest valid instance tag; smaller non-zero
// values are reserved.
const MinInstanceTag = 0x100

// NewInstanceTag returns a random instance tag >= MinInstanceTag. Tags are
// meant to persist: generate one per identity and save it.
func NewInstanceTag(r io.Reader) (uint32, error) {
	if r == nil {
		r = rand.Reader
	}
	var b [4]byte
	for {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return 0, err
		}
		if tag := binary.BigEndian.Uint32(b[:]); tag >= MinInstanceTag {
			return tag, nil
		}
	}
}
