package otr

import "github.com/otrtool/otr/pkg/otr/internal/wire"

// Heartbeat sends an empty data message (flagged IGNORE_UNREADABLE), which
// also lets the keys rotate when one side does all the talking.
func (c *Conversation) Heartbeat() (Result, error) {
	var res Result
	return res, c.sendData(nil, wire.FlagIgnoreUnreadable, &res)
}

// autoHeartbeat sends a heartbeat, as libotr does, when a data message
// arrives after we have been quiet for the heartbeat interval.
func (c *Conversation) autoHeartbeat(res *Result) error {
	iv := c.Config.heartbeatInterval()
	if iv < 0 || c.State.MsgState != MsgEncrypted || c.Config.since(c.State.LastSent) < iv {
		return nil
	}
	res.event(Event{Kind: EventDebug, Text: "sending a heartbeat after a quiet period"})
	return c.sendData(nil, wire.FlagIgnoreUnreadable, res)
}
