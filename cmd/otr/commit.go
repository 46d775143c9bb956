package main

import (
	"time"

	"github.com/otrtool/otr/pkg/state"
)

// commit is the middle of a step (see session.step): it shows the events,
// then saves the peer if the step changed it, once the display is out for
// good. An error means nothing was saved. A command that begins a peer
// (query) saves a new peer even unchanged: that is how the peer becomes known.
func (s *session) commit(tx *state.PeerTx, events []shown) error {
	s.display.show(events)
	if err := s.display.failure(); err != nil {
		return err
	}
	_, err := tx.Commit(time.Now(), tx.New() && s.begins, s.display.sync)
	return err
}
