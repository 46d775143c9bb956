package otr

import (
	"fmt"
	"strings"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// fragment splits an encoded message into lines no longer than the
// configured fragment size.
func (c *Conversation) fragment(line string, version int, theirTag uint32) ([]string, error) {
	if c.Config.FragmentSize <= 0 || len(line) <= c.Config.FragmentSize {
		return []string{line}, nil
	}
	lines, err := wire.Fragmentize(line, version, c.Config.InstanceTag, theirTag, c.Config.FragmentSize)
	if err != nil {
		return nil, fmt.Errorf("otr: fragmenting: %w", err)
	}
	return lines, nil
}

// MaxReassembled bounds a reassembled message (in characters): a piece
// that would grow the stored fragment beyond it is refused and the
// fragment forgotten.
const MaxReassembled = wire.MaxMessageSize

// IsFragment reports whether line is an OTR fragment ("?OTR|…" or
// "?OTR,…"), the lines AddFragment takes.
func IsFragment(line string) bool { return wire.Classify(line) == wire.KindFragment }

// FragmentContinues reports whether line starts a fragment (a valid
// header and piece) but does not end with a comma as fragments do: a line
// transport broke it at a line break inside its piece (libotr's fragmented
// query holds some), so the next lines continue it.
func FragmentContinues(line string) bool {
	if strings.HasSuffix(line, ",") {
		return false
	}
	_, err := wire.ParseFragment(line + ",")
	return err == nil
}

// receiveFragment adds a fragment to the one being reassembled in the
// state and, once complete, handles the whole message.
func (c *Conversation) receiveFragment(line string, res *Result) error {
	buf := &stateBuffer{&c.State.Fragments}
	msg, complete, err := c.addFragment(line, buf, res)
	if err != nil || !complete {
		return err
	}
	_ = buf.Reset() // saved with the state, as the whole message's handling
	return c.receiveWhole(msg, res)
}

// AddFragment is the first half of Receive for a fragment line, with the
// fragment being reassembled kept in buf rather than in State: it checks
// the line and its instance tags and applies the spec's reassembly rules
// (piece 1 starts afresh, the next piece of the same count is appended,
// anything else forgets the stored fragment). It reads only Config's
// InstanceTag and Policy and never changes State.
//
// Once the last piece is in, the whole message is returned with complete
// set: hand it to ReceiveReassembled. buf still holds the pieces before
// the last: reset it once the message's handling is saved, so that a
// crash in between loses nothing (the last piece given again completes
// the message again, which then shows again with the same ID). A line that is not a
// fragment, or any line when the policy allows no OTR version, is
// returned whole at once (buf reset, as the spec says a non-fragment
// does). A refused fragment wraps ErrFragment or ErrMalformed and is also
// an error event in res; an error of buf itself is returned as it is.
func (c *Conversation) AddFragment(line string, buf FragmentBuffer) (whole string, complete bool, res Result, err error) {
	if !c.Config.Policy.enabled() || !IsFragment(line) {
		return line, true, res, buf.Reset()
	}
	whole, complete, err = c.addFragment(line, buf, &res)
	if err != nil {
		res.event(Event{Kind: EventError, Text: err.Error(), Err: err})
	}
	return whole, complete, res, err
}

// ReceiveReassembled is the second half of Receive for a message
// AddFragment reassembled: it is handled as a whole incoming line, as
// libotr does (a query starts the AKE, plaintext is shown, an OTR error
// reported), except that a fragment inside a fragment is refused.
func (c *Conversation) ReceiveReassembled(msg string) (Result, error) {
	var res Result
	if !c.Config.Policy.enabled() {
		err := c.showPlaintext(msg, &res)
		return res, err
	}
	err := c.receiveWhole(msg, &res)
	if err != nil {
		res.event(Event{Kind: EventError, Text: err.Error(), Err: err})
	}
	return res, err
}

// addFragment parses and checks a fragment line and adds it to buf.
func (c *Conversation) addFragment(line string, buf FragmentBuffer, res *Result) (string, bool, error) {
	f, err := wire.ParseFragment(line)
	if err != nil {
		return "", false, fmt.Errorf("%w: %v", ErrFragment, err)
	}
	if f.Version == 3 {
		// Receiver 0 is allowed here (a fragmented D-H Commit carries it);
		// the reassembled message's own header is checked again.
		if skip, err := c.checkTags(f.SenderTag, f.ReceiverTag, true, res); skip || err != nil {
			return "", false, err
		}
	}
	return reassemble(buf, f)
}

// receiveWhole handles a reassembled message as a whole incoming line.
func (c *Conversation) receiveWhole(msg string, res *Result) error {
	switch wire.Classify(msg) {
	case wire.KindFragment:
		return fmt.Errorf("%w: reassembled fragments hold another fragment", ErrFragment)
	case wire.KindEncoded:
		return c.receiveEncoded(msg, res)
	case wire.KindQuery:
		return c.receiveQuery(msg, res)
	case wire.KindError:
		c.receiveError(msg, res)
		return nil
	case wire.KindUnknown:
		return c.receiveUnknown(msg, res)
	}
	return c.receivePlaintext(msg, res)
}

// checkTags applies the v3 instance-tag rules: a message for another of our
// instances is skipped quietly; a bad sender tag is an error.
func (c *Conversation) checkTags(sender, receiver uint32, isCommit bool, res *Result) (skip bool, err error) {
	if sender < MinInstanceTag {
		return true, fmt.Errorf("%w: sender instance tag %#x is below 0x100", ErrMalformed, sender)
	}
	if receiver == 0 && isCommit {
		return false, nil
	}
	if receiver != c.Config.InstanceTag {
		res.event(Event{Kind: EventDebug, Text: fmt.Sprintf("ignoring a message for instance %#x (we are %#x)", receiver, c.Config.InstanceTag)})
		return true, nil
	}
	return false, nil
}
