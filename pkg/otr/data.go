package otr

import (
	"errors"
	"fmt"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// unreadableText is what we tell a peer whose data message we cannot read
// (the wording of pidgin-otr's OTRL_ERRCODE_MSG_UNREADABLE).
const unreadableText = "You transmitted an unreadable encrypted message."

// sendData encrypts plaintext (text, then NUL and TLVs if any) into a data
// message with the current keys, revealing old MAC keys.
func (c *Conversation) sendData(plain []byte, flags byte, res *Result) error {
	st := &c.State
	if st.MsgState != MsgEncrypted {
		return ErrNotEncrypted
	}
	k := &st.Keys
	s, err := k.sessionKeys(k.OurKeyID-1, k.TheirKeyID)
	if err != nil {
		return err
	}
	sc := c.symCache()
	ctr := counterBytes(s.SendCounter + 1)
	b := wire.AppendDataHead(sc.out[:0], c.header(st.Version, typeData, st.TheirInstance), flags,
		k.OurKeyID-1, k.TheirKeyID, k.OurCurrent.Public, ctr, len(plain))
	enc := len(b)
	b = append(b, plain...)
	if err := sc.xorCTR(dirSend, s.SendAES, ctr, b[enc:], b[enc:]); err != nil {
		return err
	}
	s.SendCounter++
	b = append(b, sc.hmacSHA1(dirSend, s.SendMAC, b, enc-wire.CounterLen-4)...)
	b = wire.AppendData(b, k.OldMACKeys)
	k.OldMACKeys = nil
	line := wire.EncodeMessage(b)
	sc.out = keep(b)
	lines, err := c.fragment(line, st.Version, st.TheirInstance)
	if err != nil {
		return err
	}
	st.LastSent = c.Config.now()
	if res.Messages == nil {
		res.Messages = lines // spare the copy
	} else {
		res.send(lines...)
	}
	return nil
}

// receiveData is the spec's "Receiving a Data Message".
func (c *Conversation) receiveData(m *wire.Data, res *Result) error {
	plain, keys, extraKey, pending, err := c.openData(m)
	if err != nil {
		return c.unreadable(m, err, res)
	}
	text, tlvs, err := splitReceived(plain) // plain is reused: what is kept is copied
	if err != nil {
		return c.unreadable(m, fmt.Errorf("%w: TLVs: %v", ErrMalformed, err), res)
	}
	if pending.s == nil { // under keys that stay put, keys is State.Keys as it was
		c.State.Keys = keys
	}
	pending.apply()
	c.showData(text, tlvs, m, res)
	if err := c.handleTLVs(tlvs, extraKey, res); err != nil {
		return err
	}
	return c.autoHeartbeat(res)
}

// recvCommit is the counter update of a message read under keys that stay
// as they are (no rotation), applied only once the message is accepted.
type recvCommit struct {
	s   *SessionKeys
	ctr uint64
}

func (p recvCommit) apply() {
	if p.s != nil {
		p.s.RecvCounter, p.s.RecvMACUsed = p.ctr, true
	}
}

// openData verifies and decrypts m without touching the conversation: it
// returns the plaintext, the key state after the spec's rotation, the
// extra symmetric key of the keys used, and the counter update still to
// apply (when the keys needed no copy: no rotation, keys already derived).
func (c *Conversation) openData(m *wire.Data) ([]byte, KeyState, []byte, recvCommit, error) {
	st := &c.State
	switch {
	case st.MsgState != MsgEncrypted:
		return nil, KeyState{}, nil, recvCommit{}, ErrNotEncrypted
	case int(m.Version) != st.Version:
		return nil, KeyState{}, nil, recvCommit{}, fmt.Errorf("%w: data message of version %d in a version %d session", ErrMalformed, m.Version, st.Version)
	case m.Version == 3 && m.SenderTag != st.TheirInstance:
		return nil, KeyState{}, nil, recvCommit{}, fmt.Errorf("%w: %#x (the session is with %#x)", ErrUnknownInstance, m.SenderTag, st.TheirInstance)
	}
	keys := st.Keys
	inPlace := m.RecipientKeyID != keys.OurKeyID && m.SenderKeyID != keys.TheirKeyID && keys.derived(m.RecipientKeyID, m.SenderKeyID)
	if !inPlace {
		keys = keys.clone()
	}
	s, err := keys.sessionKeys(m.RecipientKeyID, m.SenderKeyID)
	if err != nil {
		return nil, KeyState{}, nil, recvCommit{}, err
	}
	sc := c.symCache()
	if !hmacEqual(sc.hmacSHA1(dirRecv, s.RecvMAC, m.Authenticated, len(m.Authenticated)-len(m.Encrypted)-wire.CounterLen-4), m.MAC[:]) {
		return nil, KeyState{}, nil, recvCommit{}, ErrBadMAC
	}
	ctr := counterValue(m.Counter)
	if ctr <= s.RecvCounter {
		return nil, KeyState{}, nil, recvCommit{}, fmt.Errorf("%w: counter %d after %d", ErrReplay, ctr, s.RecvCounter)
	}
	if err := checkGroupElement("next D-H key", m.NextDH); err != nil {
		return nil, KeyState{}, nil, recvCommit{}, err
	}
	// m.Encrypted is a view of the receive buffer: decrypt it in place.
	plain := m.Encrypted
	if err := sc.xorCTR(dirRecv, s.RecvAES, m.Counter, plain, plain); err != nil {
		return nil, KeyState{}, nil, recvCommit{}, err
	}
	extraKey := s.ExtraKey
	if inPlace {
		return plain, keys, extraKey, recvCommit{s, ctr}, nil
	}
	s.RecvCounter, s.RecvMACUsed = ctr, true
	if err := c.rotate(&keys, m); err != nil {
		return nil, KeyState{}, nil, recvCommit{}, err
	}
	return plain, keys, extraKey, recvCommit{}, nil
}

// rotate applies the spec's key rotation after a verified data message.
func (c *Conversation) rotate(keys *KeyState, m *wire.Data) error {
	if m.RecipientKeyID == keys.OurKeyID {
		next, err := c.newDHPair()
		if err != nil {
			return err
		}
		keys.rotateOurs(next)
	}
	if m.SenderKeyID == keys.TheirKeyID {
		keys.rotateTheirs(m.NextDH.Bytes())
	}
	return nil
}

// unreadable reports a data message we could not read: an error event and
// an OTR error to the peer, unless the sender flagged it IGNORE_UNREADABLE.
func (c *Conversation) unreadable(m *wire.Data, err error, res *Result) error {
	if m.Flags&wire.FlagIgnoreUnreadable != 0 && !errors.Is(err, ErrMalformed) {
		res.event(Event{Kind: EventDebug, Text: "ignored an unreadable data message flagged IGNORE_UNREADABLE: " + err.Error()})
		return nil
	}
	res.send(wire.ErrorMessage(unreadableText))
	return fmt.Errorf("unreadable encrypted message: %w", err)
}

// showData raises the message or heartbeat event for a decrypted message.
func (c *Conversation) showData(text []byte, tlvs []wire.TLV, m *wire.Data, res *Result) {
	if len(text) == 0 {
		if onlyPadding(tlvs) {
			res.event(Event{Kind: EventHeartbeat, OldMACKeys: splitMACKeys(m.OldMACKeys)})
		}
		return
	}
	id, shown := c.symCache().idAndText(c.State.SSID, m, text)
	e := res.newEvent() // filled in place: no 280-byte copy (and its write barriers)
	e.Kind, e.ID, e.Text, e.Encrypted = EventMessage, id, shown, true
	e.OldMACKeys, e.TLVs = splitMACKeys(m.OldMACKeys), tlvs
}

func onlyPadding(tlvs []wire.TLV) bool {
	for _, t := range tlvs {
		if t.Type != wire.TLVPadding {
			return false
		}
	}
	return true
}

// splitMACKeys cuts revealed MAC keys into their 20-byte values.
func splitMACKeys(b []byte) [][]byte {
	var keys [][]byte
	for len(b) >= 20 {
		keys = append(keys, b[:20:20])
		b = b[20:]
	}
	return keys
}

// clone copies the key state so a message can be checked without side
// effects until it is accepted.
func (k KeyState) clone() KeyState {
	k.Sessions = append([]SessionKeys(nil), k.Sessions...)
	k.OldMACKeys = append(Bytes(nil), k.OldMACKeys...)
	return k
}
