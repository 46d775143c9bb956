package otr

import (
	"fmt"

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

// receiveFragment adds a fragment to the one being reassembled and, once
// complete, handles the whole message.
func (c *Conversation) receiveFragment(line string, res *Result) error {
	f, err := wire.ParseFragment(line)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFragment, err)
	}
	if f.Version == 3 {
		// Receiver 0 is allowed here (a fragmented D-H Commit carries it);
		// the reassembled message's own header is checked again.
		if skip, err := c.checkTags(f.SenderTag, f.ReceiverTag, true, res); skip || err != nil {
			return err
		}
	}
	asm := wire.Assembler{K: c.State.Fragments.K, N: c.State.Fragments.N, Buffer: c.State.Fragments.Buffer}
	msg, complete, err := asm.Add(f)
	c.State.Fragments = FragmentState{K: asm.K, N: asm.N, Buffer: asm.Buffer}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFragment, err)
	}
	if !complete {
		return nil
	}
	if wire.Classify(msg) != wire.KindEncoded {
		return fmt.Errorf("%w: reassembled fragments are not an encoded OTR message", ErrFragment)
	}
	return c.receiveEncoded(msg, res)
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
