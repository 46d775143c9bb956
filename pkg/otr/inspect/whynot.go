package inspect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// whyNot says why no key opened a data message: the keys it names are
// not held (any more, or yet), or they are but its MAC does not verify.
// It is "" when the keyring holds no session keys to explain with.
func (k *Keyring) whyNot(m *wire.Data) string {
	var held []string
	oldest, newest := true, true
	for _, s := range k.keys {
		if s.SenderKeyID == 0 && s.RecipientKeyID == 0 {
			continue // a raw AES key: it would have opened the message
		}
		if s.fits(m) {
			if !macEqual(kdf.HMACSHA1(s.MAC, m.Authenticated), m.MAC[:]) {
				return fmt.Sprintf("keys %d/%d are held (%s) but the MAC does not verify: the message was altered, or belongs to another session",
					m.SenderKeyID, m.RecipientKeyID, s.Direction)
			}
			continue
		}
		held = append(held, fmt.Sprintf("%d/%d", s.SenderKeyID, s.RecipientKeyID))
		newer := m.SenderKeyID > s.SenderKeyID || m.RecipientKeyID > s.RecipientKeyID
		older := m.SenderKeyID < s.SenderKeyID || m.RecipientKeyID < s.RecipientKeyID
		oldest = oldest && older && !newer
		newest = newest && newer && !older
	}
	if len(held) == 0 {
		return ""
	}
	slices.Sort(held)
	held = slices.Compact(held)
	have := "the session holds keyids " + strings.Join(held, ", ")
	switch {
	case oldest:
		return fmt.Sprintf("keys %d/%d are no longer held (%s; old keys are forgotten as they rotate)", m.SenderKeyID, m.RecipientKeyID, have)
	case newest:
		return fmt.Sprintf("keys %d/%d are not known yet (%s: the saved session is older than the message)", m.SenderKeyID, m.RecipientKeyID, have)
	}
	return fmt.Sprintf("keys %d/%d are not held (%s)", m.SenderKeyID, m.RecipientKeyID, have)
}
