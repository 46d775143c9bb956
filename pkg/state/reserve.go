package state

import (
	"math"
	"slices"
)

// Most sends are saved without a sync.
//
// A save is synced (fdatasync of the new file, fsync of the directory)
// so that a power cut cannot bring back an older file. For a send that
// matters: the older file would hold an older send counter, and the next
// send would encrypt a new message under a counter already used (the same
// AES-CTR keystream twice). So a synced save also reserves the next
// sendReserve counters of every session, and a save whose only change is
// sends within those reservations goes, unsynced, to the peer's sends
// file (sentfile.go), leaving the peer file as the last synced save left
// it:
//   - a kill -9 keeps it: it is in the kernel's page cache;
//   - a power cut may lose it, but then the system boots again with a new
//     boot id; a disk pulled out (or a file system shut down by an I/O
//     error) may lose it too, and it is then mounted again with a new
//     mount id. A sends file is read only in the epoch (boot id and mount
//     id, see epoch) that wrote it; otherwise the peer file, older than
//     what was sent, resumes every session after what it reserved
//     (recoverCounters): a counter gap, which OTR allows, never a counter
//     used twice.
//
// Only sends are treated so: anything else a step changes (keys, receive
// counters, trust, SMP, the queue) is synced as before. The other things a
// send changes are harmless to lose: revealed MAC keys are revealed again,
// the time of the last message is older. Where the system does not say
// which boot and which mount this is, every save is synced.

// sendReserve is how many counters past each session's send counter a
// synced save reserves: one synced send in 1,024.
const sendReserve = 1 << 10

// Reservation is the highest send counter one session (a pair of key ids)
// may reach through unsynced saves since the last synced one.
type Reservation struct {
	OurKeyID    uint32 `toml:"our_key_id"`
	TheirKeyID  uint32 `toml:"their_key_id"`
	SendCounter uint64 `toml:"send_counter"`
}

// recoverCounters is done on load: a file written in another epoch
// (another boot or mount, or by an older otr), or one with a sends file
// beside it that was not used (stale set, see sentfile.go), may be older
// than the last counters sent, so every session resumes after its
// reservation.
func (p *Peer) recoverCounters(epoch string, stale bool) {
	if p.Boot == epoch && !stale {
		return
	}
	sessions := p.Session.Keys.Sessions
	for i := range sessions {
		if r := p.reservation(sessions[i].OurKeyID, sessions[i].TheirKeyID); r != nil {
			sessions[i].SendCounter = max(sessions[i].SendCounter, r.SendCounter)
		}
	}
}

func (p *Peer) reservation(ours, theirs uint32) *Reservation {
	for i := range p.Reserved {
		if r := &p.Reserved[i]; r.OurKeyID == ours && r.TheirKeyID == theirs {
			return r
		}
	}
	return nil
}

// reserve marks p for a synced save in this epoch: it reserves the next
// counters of every session (none where unsynced saves cannot happen).
func (p *Peer) reserve(epoch string) {
	p.Boot, p.Reserved = epoch, nil
	if epoch == "" {
		return
	}
	for _, s := range p.Session.Keys.Sessions {
		ctr := s.SendCounter + sendReserve
		if ctr < s.SendCounter {
			ctr = math.MaxUint64 // the counter runs out there anyway
		}
		p.Reserved = append(p.Reserved, Reservation{s.OurKeyID, s.TheirKeyID, ctr})
	}
}

// sendMarks is what a peer file says of sends: the epoch that wrote it,
// each session's send counter, the reservations.
type sendMarks struct {
	epoch    string
	counters []Reservation // each session's key ids and send counter
	reserved []Reservation
}

func markSends(p *Peer) sendMarks {
	m := sendMarks{epoch: p.Boot, reserved: slices.Clone(p.Reserved)}
	for _, s := range p.Session.Keys.Sessions {
		m.counters = append(m.counters, Reservation{s.OurKeyID, s.TheirKeyID, s.SendCounter})
	}
	return m
}

// onlySent reports whether data, the peer's encoding, differs from the
// file as loaded (in this epoch) only by sends within its reservations:
// send counters that grew but stay reserved, revealed MAC keys gone, the
// time of the last message and of the last activity.
func (tx *PeerTx) onlySent(data []byte, epoch string) bool {
	p, m := tx.Peer, tx.sent
	if tx.saved == nil || epoch == "" || m.epoch != epoch || p.Boot != epoch || !slices.Equal(p.Reserved, m.reserved) {
		return false
	}
	sessions := p.Session.Keys.Sessions
	if len(sessions) != len(m.counters) {
		return false
	}
	for i, s := range sessions {
		was := m.counters[i]
		if s.OurKeyID != was.OurKeyID || s.TheirKeyID != was.TheirKeyID || s.SendCounter < was.SendCounter {
			return false
		}
		if r := p.reservation(s.OurKeyID, s.TheirKeyID); s.SendCounter != was.SendCounter && (r == nil || s.SendCounter > r.SendCounter) {
			return false
		}
	}
	rules := sendOnly
	if len(p.Session.Keys.OldMACKeys) != 0 {
		rules = sendKeepingMACKeys
	}
	return sameExcept(data, tx.saved, rules)
}
