package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

// session is what a peer command needs: the store, the peer, where wire
// lines and events go.
type session struct {
	store     *state.Store
	peer      string
	frag      int
	smpFrag   int
	heartbeat time.Duration
	out       io.Writer
	display   *display
	frags     fragments // recv's fragment journal (fragment_recv.go)
	begins    bool      // a new peer is saved even if the step changed nothing (query)
}

// openSession prepares a peer command; close releases the display.
func openSession(c *cli.Context) (*session, error) {
	peer := c.String("peer")
	if peer == "" {
		return nil, usagef("%s needs --peer NAME", c.Command.FullName())
	}
	frag, err := fragmentSize(c)
	if err != nil {
		return nil, err
	}
	smpFrag, err := smpFragmentSize(c)
	if err != nil {
		return nil, err
	}
	heartbeat, err := heartbeatInterval(c)
	if err != nil {
		return nil, err
	}
	store, err := state.Open(stateDir(c))
	if err != nil {
		return nil, err
	}
	if err := requireKnownPeer(store, c.Command.Name, peer); err != nil {
		return nil, err
	}
	d, err := openDisplay(c)
	if err != nil {
		return nil, err
	}
	return &session{store: store, peer: peer, frag: frag, smpFrag: smpFrag, heartbeat: heartbeat, out: c.App.Writer, display: d,
		begins: c.Command.Name == "query"}, nil
}

func (s *session) close() { _ = s.display.close() }

// action is one call into the library.
type action func(conv *otr.Conversation) (otr.Result, error)

// step is one lock-load-act-save step, in this order:
//   - the events go to the display first, so that a crash or a failed save
//     afterwards makes the line, handled again, show its messages again
//     (with the same ids) instead of never (at least once, see
//     docs/security.md);
//   - the state is saved, only if the step changed it (see PeerTx.Commit), and
//     only once the display is out for good (see display_durable.go);
//   - the wire lines go to stdout last, while the lock is held, so that a
//     counter never leaves unsaved and concurrent senders' lines leave in
//     counter order.
//
// A signal waits for all three (see signals.go). On failure nothing is
// saved: the file stays byte-for-byte as it was; what the library still
// wants delivered (an OTR error for the peer) and its events are shown.
func (s *session) step(act action) error {
	tx, err := s.store.BeginPeer(s.peer)
	if err != nil {
		return err
	}
	defer tx.Close()
	conv, err := s.conversation(tx)
	if err != nil {
		return err
	}
	defer holdSignals()()
	res, actErr := act(conv)
	if actErr != nil {
		s.emit(res.Messages, s.annotateOnly(tx.Peer, res.Events))
		return actErr
	}
	events := s.annotate(tx.Peer, &conv.State, res.Events)
	tx.Peer.Session = conv.State
	if err := s.commit(tx, events); err != nil {
		return err
	}
	s.emit(res.Messages, nil)
	return nil
}

func (s *session) conversation(tx *state.PeerTx) (*otr.Conversation, error) {
	key, err := tx.Identity.PrivateKey()
	if err != nil {
		return nil, err
	}
	conv := otr.NewConversation(otr.Config{
		PrivateKey: key, InstanceTag: tx.Identity.InstanceTag,
		Policy: tx.Identity.Policy, FragmentSize: s.frag,
		SMPFragmentSize: s.smpFrag, HeartbeatInterval: s.heartbeat,
	})
	conv.State = tx.Peer.Session
	return conv, nil
}

// emit writes wire lines in one write, then events.
func (s *session) emit(lines []string, events []shown) {
	if len(lines) > 0 {
		_, _ = io.WriteString(s.out, strings.Join(lines, "\n")+"\n")
	}
	s.display.show(events)
}

// annotate adds trust to events and records what they teach about the
// peer: fingerprints seen, SMP verification. (The library itself warns
// when the peer's instance tag changes.)
func (s *session) annotate(p *state.Peer, st *otr.State, events []otr.Event) []shown {
	var out []shown
	now := time.Now()
	for _, e := range events {
		sh := shown{Event: e, Peer: s.peer}
		switch e.Kind {
		case otr.EventSecure:
			out = append(out, s.noteFingerprint(p, e.Fingerprint, now)...)
		case otr.EventSMPSucceeded:
			// After answering the peer's question the peer is not verified
			// (libotr, pidgin-otr): see smpTrustUnchanged.
			if k := currentKnown(p, st, now); k != nil && k.Trust != state.TrustHand && !smpTrustUnchanged(e) {
				k.Trust = state.TrustSMP
			}
		case otr.EventSMPFailed:
			// As pidgin-otr: a failed check withdraws an SMP verification.
			if k := currentKnown(p, st, now); k != nil && k.Trust == state.TrustSMP && !smpTrustUnchanged(e) {
				k.Trust = state.Unverified
			}
		}
		if fp := e.Fingerprint; fp != nil {
			if k := p.Lookup(fp); k != nil {
				sh.Trusted, sh.Trust = k.Trust.Verified(), string(k.Trust)
			}
		}
		out = append(out, sh)
	}
	return out
}

// annotateOnly shows events of a failed step without recording anything.
func (s *session) annotateOnly(p *state.Peer, events []otr.Event) []shown {
	copyPeer := *p
	copyPeer.Known = append([]state.Known(nil), p.Known...)
	st := p.Session
	return s.annotate(&copyPeer, &st, events)
}

func (s *session) noteFingerprint(p *state.Peer, fp []byte, now time.Time) []shown {
	previous := len(p.Known)
	if _, isNew := p.See(fp, now); !isNew {
		return nil
	}
	text := fmt.Sprintf("first time we see %s's fingerprint %s; verify it with otr smp start, or compare it out of band and run otr trust verify",
		s.peer, otr.FormatFingerprint(fp))
	if previous > 0 {
		text = fmt.Sprintf("%s's fingerprint CHANGED: now %s, not one of the %d seen before; a new device, or someone in the middle: verify it",
			s.peer, otr.FormatFingerprint(fp), previous)
	}
	return []shown{warning(s.peer, text)}
}

func warning(peer, text string) shown {
	return shown{Event: otr.Event{Kind: otr.EventWarning, Text: text}, Peer: peer}
}

func currentKnown(p *state.Peer, st *otr.State, now time.Time) *state.Known {
	fp := st.TheirFingerprint()
	if fp == nil {
		return nil
	}
	k, _ := p.See(fp, now)
	return k
}
