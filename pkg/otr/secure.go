package otr

import "fmt"

// goSecure finishes a successful AKE: the AKE's D-H key becomes key id 1
// (our_keyid-1), a fresh one key id 2, and messages typed meanwhile go out.
func (c *Conversation) goSecure(pub *PublicKey, theirKeyID uint32, theirDH, ssid []byte, weStarted bool, res *Result) error {
	next, err := c.newDHPair()
	if err != nil {
		return err
	}
	ake := c.State.AKE
	st := &c.State
	if old := st.TheirInstance; ake.Version == 3 && old != 0 && old != ake.TheirInstance {
		// Tags persist per client install: a new one means another client
		// or a reinstall, worth telling (field notes: peers break silently).
		res.event(Event{Kind: EventWarning, Text: fmt.Sprintf("the peer's instance tag changed from %#x to %#x (another client or a reinstall)", old, ake.TheirInstance)})
	}
	st.Keys = KeyState{
		OurKeyID:    akeKeyID + 1,
		OurCurrent:  next,
		OurPrevious: DHPair{Private: ake.OurPrivate, Public: ake.OurPublic},
		TheirKeyID:  theirKeyID, TheirCurrent: theirDH,
	}
	refreshed := st.MsgState == MsgEncrypted
	st.MsgState, st.Version, st.TheirInstance = MsgEncrypted, ake.Version, ake.TheirInstance
	st.TheirPublicKey, st.SSID, st.WeStartedAKE = pub.Serialize(), ssid, weStarted
	smpCut := st.SMP.InProgress() // its values are bound to the old session
	st.AKE, st.SMP = AKEState{}, SMPState{}
	st.LastSent = c.Config.now()
	res.event(Event{Kind: EventSecure, Version: ake.Version, Fingerprint: pub.Fingerprint(), SSID: ssid, Refreshed: refreshed})
	if smpCut {
		res.event(Event{Kind: EventSMPAborted, Text: "the private conversation was refreshed with new keys: start SMP again"})
	}
	return c.flushPending(res)
}

// flushPending sends the messages queued while no session was up.
func (c *Conversation) flushPending(res *Result) error {
	pending := c.State.Pending
	c.State.Pending = nil
	for _, text := range pending {
		if err := c.sendData([]byte(text), 0, res); err != nil {
			return err
		}
	}
	return nil
}
