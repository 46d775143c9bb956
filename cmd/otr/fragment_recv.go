package main

import (
	"errors"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
)

// recv's fragment path. Pieces go to the peer's fragment journal under the
// peer's lock, the peer's file untouched; only the whole message is handled
// in a step. So a message of n pieces writes O(n) bytes (the journal's
// records, then one save), not the growing buffer n times, and a recv
// killed after piece k leaves pieces 1..k for the next one.
type fragments struct {
	broken  []string // the lines of a fragment broken at line breaks, held
	journal *state.FragmentJournal
	checked bool        // looked for an existing journal already
	config  *otr.Config // the identity's instance tag and policy, read once
}

// receive is how a step handles one line.
type receive func(conv *otr.Conversation) (otr.Result, error)

// receiverFor returns how recv's step handles line: the line itself, or
// the whole message its last piece completed. nil (and no error) means the
// line was a piece, stored for later, or ignored.
func (s *session) receiverFor(line string) (receive, error) {
	if !otr.IsFragment(line) {
		// A line that is not a fragment forgets a stored one (the spec's rule).
		return func(conv *otr.Conversation) (otr.Result, error) { return conv.Receive(line) }, s.forgetFragment()
	}
	whole, complete, err := s.addFragment(line)
	switch {
	case err != nil || !complete:
		return nil, err
	case whole == line: // not handled as a fragment (no OTR version allowed)
		return func(conv *otr.Conversation) (otr.Result, error) { return conv.Receive(line) }, nil
	}
	return func(conv *otr.Conversation) (otr.Result, error) { return conv.ReceiveReassembled(whole) }, nil
}

// addFragment stores one piece, or returns the whole message.
func (s *session) addFragment(line string) (string, bool, error) {
	cfg, err := s.fragmentConfig()
	if err != nil {
		return "", false, err
	}
	lock, err := s.store.LockPeer(s.peer)
	if err != nil {
		return "", false, err
	}
	defer lock.Unlock()
	if s.frags.journal == nil {
		if s.frags.journal, err = s.store.OpenFragments(s.peer); err != nil {
			return "", false, journalHint(err)
		}
		s.frags.checked = true
	}
	whole, complete, res, err := otr.NewConversation(cfg).AddFragment(line, s.frags.journal)
	s.display.show(plainEvents(s.peer, res.Events))
	if errors.Is(err, otr.ErrFragment) || errors.Is(err, otr.ErrMalformed) {
		return "", false, rejected{err}
	}
	return whole, complete, err
}

// forgetFragment empties the journal if it holds a piece.
func (s *session) forgetFragment() error {
	if !s.frags.checked {
		s.frags.checked = true
		j, err := s.store.ExistingFragments(s.peer)
		if err != nil || j == nil {
			return journalHint(err)
		}
		s.frags.journal = j
	}
	if s.frags.journal == nil || s.frags.journal.Empty() {
		return nil
	}
	lock, err := s.store.LockPeer(s.peer)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	return s.frags.journal.Reset()
}

// fragmentConfig is what AddFragment reads of the identity: its instance
// tag and policy, read once per command (not the key: pieces need none).
func (s *session) fragmentConfig() (otr.Config, error) {
	if s.frags.config == nil {
		lock, err := s.store.LockIdentity(false)
		if err != nil {
			return otr.Config{}, err
		}
		defer lock.Unlock()
		id, err := s.store.LoadIdentity()
		if err != nil {
			return otr.Config{}, err
		}
		s.frags.config = &otr.Config{InstanceTag: id.InstanceTag, Policy: id.Policy}
	}
	return *s.frags.config, nil
}

// plainEvents are library events with nothing to annotate (a piece's
// errors and debug lines).
func plainEvents(peer string, events []otr.Event) []shown {
	out := make([]shown, 0, len(events))
	for _, e := range events {
		out = append(out, shown{Event: e, Peer: peer})
	}
	return out
}

// countRejected counts a rejected line and goes on; other errors end recv.
func countRejected(err error, bad *int) error {
	var r rejected
	if errors.As(err, &r) {
		*bad++
		return nil
	}
	return err
}

// maxBrokenLines bounds how many lines rejoin adds to a broken fragment.
const maxBrokenLines = 16

// endOfInput is what rejoined gets once stdin is at its end.
const endOfInput = "\x00end of input"

// rejoined puts back together a fragment that a line transport broke at
// line breaks inside its piece (libotr's fragmented query holds some):
// a fragment line that does not end with the piece's closing comma is
// held, and the lines after it are added back, each after a line break,
// until the text ends with a comma. An OTR line (a new fragment, a data
// message: never part of a broken piece, and it must not be swallowed
// into one), the end of input or too many lines give up: the held lines
// are then handled one by one, as they came. fn handles each resulting line.
func (s *session) rejoined(line string, fn func(line string) error) error {
	held := s.frags.broken
	switch {
	case len(held) == 0:
	case line == endOfInput || strings.HasPrefix(line, "?OTR") || len(held) >= maxBrokenLines:
		s.frags.broken = nil
		for _, h := range held {
			if err := fn(h); err != nil {
				return err
			}
		}
	default:
		s.frags.broken = append(held, line)
		if !strings.HasSuffix(line, ",") {
			return nil
		}
		s.frags.broken = nil
		return fn(strings.Join(append(held, line), "\n"))
	}
	if line == endOfInput {
		return nil
	}
	if otr.FragmentContinues(line) {
		s.frags.broken = []string{line}
		return nil
	}
	return fn(line)
}

// journalHint explains a fragment journal refused as unsafe.
func journalHint(err error) error {
	if !errors.Is(err, state.ErrJournal) {
		return err
	}
	return withHint(err, "only otr recv should write it: check who made it; it holds no key, only pieces of a message being received, so moving it aside loses at most that message")
}

// handledWhole forgets the pieces of a reassembled message once its step
// is over (saved, or refused): until then they stay in the journal, so a
// recv killed before the save, given the last piece again, shows the
// message again (same id) instead of never.
func (s *session) handledWhole(line string, stepErr error) error {
	var r rejected
	if !otr.IsFragment(line) || (stepErr != nil && !errors.As(stepErr, &r)) {
		return stepErr
	}
	if err := s.forgetFragment(); err != nil {
		return errors.Join(stepErr, err)
	}
	return stepErr
}
