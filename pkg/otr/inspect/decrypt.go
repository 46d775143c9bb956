package inspect

import (
	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// Open decrypts a data message with the first key whose ids match and
// whose MAC verifies. Failing that, a raw AES key (no ids) that matches
// nothing still decrypts, marked MACValid false: the bytes may be junk.
// It returns nil when no key applies.
func (k *Keyring) Open(m *wire.Data) *Decrypted {
	var fallback *SessionKey
	for i := range k.keys {
		s := &k.keys[i]
		if !s.fits(m) {
			continue
		}
		if macEqual(kdf.HMACSHA1(s.MAC, m.Authenticated), m.MAC[:]) {
			return open(s, m, true)
		}
		if s.SenderKeyID == 0 && fallback == nil {
			fallback = s
		}
	}
	if fallback != nil {
		return open(fallback, m, false)
	}
	return nil
}

func (s *SessionKey) fits(m *wire.Data) bool {
	if s.SenderKeyID == 0 && s.RecipientKeyID == 0 {
		return true
	}
	return s.SenderKeyID == m.SenderKeyID && s.RecipientKeyID == m.RecipientKeyID
}

func open(s *SessionKey, m *wire.Data, macValid bool) *Decrypted {
	plain, err := kdf.AESCTR(s.AES, m.Counter[:], m.Encrypted)
	if err != nil {
		return nil
	}
	d := describePlaintext(plain)
	d.Key, d.Direction, d.MACValid = s.Label, s.Direction, macValid
	return d
}

// describePlaintext splits a decrypted message into its text and TLVs.
func describePlaintext(plain []byte) *Decrypted {
	text, tlvs, err := wire.SplitPlaintext(plain)
	d := &Decrypted{Text: string(text)}
	for _, t := range tlvs {
		d.TLVs = append(d.TLVs, describeTLV(t))
	}
	if err != nil {
		d.TLVError = problemOf(err, InMessage).String()
	}
	return d
}

// Find returns the key that verifies the data message in line: its ids
// match and its MAC key checks the MAC.
func (k *Keyring) Find(line string) (SessionKey, bool) {
	m, err := decodeData(line)
	if err != nil {
		return SessionKey{}, false
	}
	for _, s := range k.keys {
		if s.fits(m) && macEqual(kdf.HMACSHA1(s.MAC, m.Authenticated), m.MAC[:]) {
			return s, true
		}
	}
	return SessionKey{}, false
}
