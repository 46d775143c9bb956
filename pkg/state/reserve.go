package state

import (
	"bytes"
	"math"
	"reflect"

	"github.com/otrtool/otr/pkg/otr"
)

// Most sends are saved without a sync.
//
// A save is synced (fdatasync of the new file, fsync of the directory)
// so that a power cut cannot bring back an older file. For a send that
// matters: the older file would hold an older send counter, and the next
// send would encrypt a new message under a counter already used (the same
// AES-CTR keystream twice). So a synced save also reserves the next
// sendReserve counters of every session, and a save whose only change is
// sends within those reservations is written and renamed but not synced:
//   - a kill -9 keeps it: it is in the kernel's page cache;
//   - a power cut may lose it, but then the system boots again with a new
//     boot id. A file whose boot id is not the current one may be older
//     than what was sent, so on load every session continues after what it
//     reserved (recoverCounters): a counter gap, which OTR allows, never a
//     counter used twice.
//
// Only sends are treated so: anything else a step changes (keys, receive
// counters, trust, SMP, the queue) is synced as before. The other things a
// send changes are harmless to lose: revealed MAC keys are revealed again,
// the time of the last message is older.
//
// Unsynced saves happen only where the system says which boot this is and
// the file system commits a rename that replaces a file only after the new
// file's data (renameOrdered), so that a power cut leaves the old or the
// new file whole, never an empty one.

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

// recoverCounters is done on load: a file written in another boot (or by
// an older otr) may be older than the last counters sent, so every
// session resumes after its reservation.
func (p *Peer) recoverCounters(boot string) {
	if p.Boot == boot {
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

// reserve marks p for a synced save in this boot: it reserves the next
// counters of every session (none where unsynced saves cannot happen).
func (p *Peer) reserve(boot string) {
	p.Boot, p.Reserved = boot, nil
	if boot == "" {
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

// onlySent reports whether p differs from base (as loaded, in this boot)
// only by sends within base's reservations: send counters that grew but
// stay reserved, revealed MAC keys gone, the time of the last message
// and of the last activity.
func onlySent(base, p *Peer, boot string) bool {
	if base == nil || boot == "" || base.Boot != boot || len(p.Session.Keys.Sessions) != len(base.Session.Keys.Sessions) {
		return false
	}
	if len(p.Session.Keys.OldMACKeys) != 0 && !bytes.Equal(p.Session.Keys.OldMACKeys, base.Session.Keys.OldMACKeys) {
		return false
	}
	rest := *p // p's other fields with base's values where a send may change them
	rest.LastSeen, rest.Session.LastSent = base.LastSeen, base.Session.LastSent
	rest.Session.Keys.OldMACKeys = base.Session.Keys.OldMACKeys
	if p.Session.Keys.Sessions != nil {
		rest.Session.Keys.Sessions = make([]otr.SessionKeys, len(p.Session.Keys.Sessions))
	}
	for i, s := range p.Session.Keys.Sessions {
		b := base.Session.Keys.Sessions[i]
		r := base.reservation(s.OurKeyID, s.TheirKeyID)
		if s.SendCounter < b.SendCounter || s.SendCounter != b.SendCounter && (r == nil || s.SendCounter > r.SendCounter) {
			return false
		}
		s.SendCounter = b.SendCounter
		rest.Session.Keys.Sessions[i] = s
	}
	return reflect.DeepEqual(&rest, base)
}
