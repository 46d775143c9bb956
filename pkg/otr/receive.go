package otr

import (
	"fmt"
	"strings"
	"time"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// errorAKEInterval limits how often an OTR error may make us send a query,
// so stale errors replayed by a server cannot storm the peer with AKEs.
const errorAKEInterval = 10 * time.Second

// Receive handles one incoming line from the peer. An error means the
// line was rejected; the Result may still hold something to deliver (the
// OTR error a peer must get for an unreadable message) and events.
func (c *Conversation) Receive(line string) (Result, error) {
	var res Result
	if !c.Config.Policy.enabled() {
		err := c.showPlaintext(line, &res)
		return res, err
	}
	kind := wire.Classify(line)
	if kind != wire.KindFragment {
		c.State.Fragments = FragmentState{}
	}
	var err error
	switch kind {
	case wire.KindFragment:
		err = c.receiveFragment(line, &res)
	case wire.KindEncoded:
		err = c.receiveEncoded(line, &res)
	case wire.KindQuery:
		err = c.receiveQuery(line, &res)
	case wire.KindError:
		c.receiveError(line, &res)
	case wire.KindUnknown:
		err = c.receiveUnknown(line, &res)
	default:
		err = c.receivePlaintext(line, &res)
	}
	if err != nil {
		res.event(Event{Kind: EventError, Text: err.Error(), Err: err})
	}
	return res, err
}

// receiveEncoded decodes a "?OTR:…." message and hands it to its handler.
func (c *Conversation) receiveEncoded(line string, res *Result) error {
	sc := c.symCache()
	bin, err := wire.AppendDecodeMessage(sc.in[:0], line)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	msg, err := sc.decode(bin) // a data message's ciphertext stays a view of bin (reused by the next message)
	sc.in = keep(bin)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	h := msg.Hdr()
	if !c.Config.Policy.allows(int(h.Version)) {
		res.event(Event{Kind: EventDebug, Text: fmt.Sprintf("ignoring a version %d message: not allowed by policy", h.Version)})
		return nil
	}
	if h.Version == 3 {
		if skip, err := c.checkTags(h.SenderTag, h.ReceiverTag, h.Type == typeDHCommit, res); skip || err != nil {
			return err
		}
	}
	debugAKE(res, "received", h.Type, int(h.Version))
	switch m := msg.(type) {
	case *wire.DHCommit:
		return c.receiveDHCommit(m, res)
	case *wire.DHKey:
		return c.receiveDHKey(m, res)
	case *wire.RevealSig:
		return c.receiveRevealSig(m, res)
	case *wire.Sig:
		return c.receiveSig(m, res)
	case *wire.Data:
		return c.receiveData(m, res)
	}
	return fmt.Errorf("%w: unknown message type %#x", ErrMalformed, h.Type)
}

// receiveUnknown handles a line with an OTR marker of no form we know: an
// encoded message of another version or type is rejected with the reason;
// other text (a bare "?OTR" in chat) is shown with a warning.
func (c *Conversation) receiveUnknown(line string, res *Result) error {
	if strings.Contains(line, "?OTR:") {
		if err := c.receiveEncoded(line, res); err != nil {
			return err
		}
		return fmt.Errorf("%w: unsupported encoded OTR message (OTR version 1?)", ErrMalformed)
	}
	res.event(Event{Kind: EventWarning, Text: "unrecognized OTR marker; shown as received"})
	return c.receivePlaintext(line, res)
}

// receiveQuery starts the AKE with the best version both sides allow.
func (c *Conversation) receiveQuery(line string, res *Result) error {
	v2, v3, _ := wire.ParseQuery(line)
	if v := c.bestVersion(v2, v3); v > 0 {
		return c.startAKE(v, res)
	}
	res.event(Event{Kind: EventWarning, Text: "the peer asked for an OTR version our policy does not allow"})
	return nil
}

func (c *Conversation) bestVersion(v2, v3 bool) int {
	p := c.Config.Policy
	switch {
	case v3 && p.AllowV3:
		return 3
	case v2 && p.AllowV2:
		return 2
	}
	return 0
}

// receiveError shows the peer's OTR error and, if the policy says so,
// answers with a query (at most once per errorAKEInterval).
func (c *Conversation) receiveError(line string, res *Result) {
	text, _ := wire.ParseError(line)
	res.event(Event{Kind: EventError, Text: "the peer reported an OTR error: " + text})
	now := c.Config.now()
	if c.Config.Policy.ErrorStartAKE && now.Sub(c.State.LastErrorAKE) >= errorAKEInterval {
		c.State.LastErrorAKE = now
		res.add(c.Query())
	}
}

// receivePlaintext shows a message that came without encryption, strips a
// whitespace tag and starts the AKE on it when the policy says so.
func (c *Conversation) receivePlaintext(line string, res *Result) error {
	v2, v3, text, tagged := wire.FindWhitespaceTag(line)
	st := &c.State
	if !tagged {
		st.SawPlaintext = true
	}
	if text != "" {
		if err := c.showPlaintext(text, res); err != nil {
			return err
		}
		if st.MsgState.private() || c.Config.Policy.RequireEncryption {
			res.event(Event{Kind: EventWarning, Text: "the last message was received unencrypted"})
		}
	}
	if tagged && c.Config.Policy.WhitespaceStartAKE {
		if v := c.bestVersion(v2, v3); v > 0 {
			return c.startAKE(v, res)
		}
	}
	return nil
}
