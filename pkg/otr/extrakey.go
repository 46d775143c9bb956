package otr

import (
	"encoding/binary"
	"fmt"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// ExtraKey derives the extra symmetric key (v3) of the current sending
// keys and tells the peer with a type 8 TLV carrying use and context.
func (c *Conversation) ExtraKey(use uint32, context []byte) ([]byte, Result, error) {
	st := &c.State
	if st.MsgState != MsgEncrypted {
		return nil, Result{}, ErrNotEncrypted
	}
	if st.Version < 3 {
		return nil, Result{}, fmt.Errorf("%w: the extra symmetric key needs OTR version 3", ErrVersion)
	}
	s, err := st.Keys.sessionKeys(st.Keys.OurKeyID-1, st.Keys.TheirKeyID)
	if err != nil {
		return nil, Result{}, err
	}
	key := append([]byte(nil), s.ExtraKey...)
	value := binary.BigEndian.AppendUint32(nil, use)
	plain, err := plaintextWith("", []TLV{{Type: TLVExtraKey, Value: append(value, context...)}}, 0)
	if err != nil {
		return nil, Result{}, err
	}
	var res Result
	if err := c.sendData(plain, wire.FlagIgnoreUnreadable, &res); err != nil {
		return nil, Result{}, err
	}
	res.event(Event{Kind: EventExtraKey, Use: use, Context: context, Key: key})
	return key, res, nil
}

// receiveExtraKey raises the extra_key event for a type 8 TLV.
func (c *Conversation) receiveExtraKey(t TLV, key []byte, res *Result) {
	if len(t.Value) < 4 {
		res.event(Event{Kind: EventWarning, Text: fmt.Sprintf("ignoring an extra-key TLV of %d bytes (needs at least 4)", len(t.Value))})
		return
	}
	res.event(Event{Kind: EventExtraKey, Use: binary.BigEndian.Uint32(t.Value), Context: t.Value[4:], Key: append([]byte(nil), key...)})
}
