package inspect

import (
	"bytes"
	"fmt"
	"github.com/otrtool/otr/pkg/otr/internal/kdf"

	"github.com/otrtool/otr/pkg/otr"
)

// Directions of a session key, from the point of view of the state's owner.
const (
	DirSent     = "sent"
	DirReceived = "received"
)

// SessionKey is one AES/MAC key pair that may protect data messages.
type SessionKey struct {
	// Label is shown with what the key decrypted, e.g. "received, keyids 2/1".
	Label     string
	Direction string
	// SenderKeyID and RecipientKeyID are the key ids a message protected
	// by this key carries; both 0 means "any" (a raw AES key).
	SenderKeyID, RecipientKeyID uint32
	AES, MAC                    []byte
}

// Keyring holds the keys to try on data messages.
type Keyring struct {
	keys []SessionKey
}

// Len is the number of keys held.
func (k *Keyring) Len() int { return len(k.keys) }

// Add adds a key (a duplicate of one held is ignored).
func (k *Keyring) Add(s SessionKey) {
	for _, have := range k.keys {
		if have.Direction == s.Direction && have.SenderKeyID == s.SenderKeyID &&
			have.RecipientKeyID == s.RecipientKeyID && bytes.Equal(have.AES, s.AES) {
			return
		}
	}
	k.keys = append(k.keys, s)
}

// AddAES adds a raw AES key, tried on every data message; its MAC key is
// derived from it as the protocol does.
func (k *Keyring) AddAES(aesKey []byte) {
	k.Add(SessionKey{Label: "AES key " + Hex(aesKey).String(), AES: aesKey, MAC: kdf.MACKey(aesKey)})
}

// AddState adds every key the saved session can derive: each pair of our
// current/previous D-H key and their current/previous public value, in both
// directions (a transcript holds both sides' messages), and the cached keys.
func (k *Keyring) AddState(st otr.State) {
	ks := st.Keys
	ours := map[uint32]otr.DHPair{ks.OurKeyID: ks.OurCurrent}
	if ks.OurKeyID > 1 {
		ours[ks.OurKeyID-1] = ks.OurPrevious
	}
	theirs := map[uint32][]byte{ks.TheirKeyID: ks.TheirCurrent}
	if ks.TheirKeyID > 1 {
		theirs[ks.TheirKeyID-1] = ks.TheirPrevious
	}
	for ourID, pair := range ours {
		for theirID, pub := range theirs {
			k.addPair(ourID, theirID, pair.Private, pub)
		}
	}
	for _, s := range ks.Sessions {
		k.addSession(s.OurKeyID, s.TheirKeyID, s.SendAES, s.SendMAC, s.RecvAES, s.RecvMAC)
	}
}

func (k *Keyring) addPair(ourID, theirID uint32, priv, pub []byte) {
	if ourID == 0 || theirID == 0 || len(priv) == 0 || len(pub) == 0 {
		return
	}
	s, err := ComputeSessKeys(priv, pub)
	if err != nil {
		return // a broken saved value: nothing to derive
	}
	k.addSession(ourID, theirID, s.SendAES, s.SendMAC, s.RecvAES, s.RecvMAC)
}

func (k *Keyring) addSession(ourID, theirID uint32, sendAES, sendMAC, recvAES, recvMAC []byte) {
	if len(sendAES) == 16 {
		k.Add(SessionKey{Label: fmt.Sprintf("sent, keyids %d/%d", ourID, theirID), Direction: DirSent,
			SenderKeyID: ourID, RecipientKeyID: theirID, AES: sendAES, MAC: sendMAC})
	}
	if len(recvAES) == 16 {
		k.Add(SessionKey{Label: fmt.Sprintf("received, keyids %d/%d", theirID, ourID), Direction: DirReceived,
			SenderKeyID: theirID, RecipientKeyID: ourID, AES: recvAES, MAC: recvMAC})
	}
}
