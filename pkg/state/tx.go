package state

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"time"
)

// PeerTx is one load-process-save step for one peer: the identity is held
// under a shared lock and the peer under an exclusive lock until Close, so
// concurrent invocations on the same peer never lose an update.
type PeerTx struct {
	Store    *Store
	Identity *Identity
	Peer     *Peer
	locks    []*Lock
	// The state and peers directories, opened and checked once per step.
	root, peers *dir
	// saved is the peer file's content as loaded or last saved (nil: the
	// peer was never saved).
	saved []byte
	// sent is what the file as loaded or last saved says of sends, to
	// tell a save that needs no sync (reserve.go).
	sent sendMarks
	// mainSum is the SHA-256 of the peer file on disk, which a sends file
	// names (sentfile.go).
	mainSum [sha256.Size]byte
}

// BeginPeer locks and loads the identity and the named peer.
func (s *Store) BeginPeer(name string) (*PeerTx, error) {
	tx := &PeerTx{Store: s}
	if err := tx.begin(name); err != nil {
		tx.Close()
		return nil, err
	}
	return tx, nil
}

func (tx *PeerTx) begin(name string) error {
	f, err := fileName(name)
	if err != nil {
		return err
	}
	if tx.root, err = tx.Store.root(); err != nil {
		return err
	}
	if err := tx.lock(tx.root, identityLock, false); err != nil {
		return err
	}
	if tx.Identity, err = tx.Store.loadIdentity(tx.root, false); err != nil {
		return err
	}
	if tx.peers, err = tx.root.sub(peersDir, true); err != nil {
		return err
	}
	if err := tx.lock(tx.peers, f+".lock", true); err != nil {
		return err
	}
	if tx.Peer, tx.saved, tx.mainSum, err = loadPeer(tx.peers, name); err != nil {
		return err
	}
	tx.sent = markSends(tx.Peer)
	return nil
}

func (tx *PeerTx) lock(d *dir, name string, exclusive bool) error {
	l, err := d.lock(name, exclusive)
	if err == nil {
		tx.locks = append(tx.locks, l)
	}
	return err
}

// Save writes the peer; the locks stay held. A peer whose file would not
// change (the same bytes as loaded or last saved) is not written: no temp
// file, no fsync. (The file then already holds exactly that content: the
// exclusive lock kept every other writer out since the load.) A save that
// only sent within the reserved counters is not synced (reserve.go).
func (tx *PeerTx) Save() error {
	data, err := tx.encode()
	if err != nil || bytes.Equal(data, tx.saved) {
		return err
	}
	return tx.write(data)
}

// Commit ends a step: it records activity (Touch at now) and saves the
// peer if anything else in it changed since the load, or if force is set
// (a peer that must become known). Before writing it calls ready, whose
// error stops the save. It reports whether it saved. The peer is encoded
// once: the file as loaded tells what changed (see sends.go).
func (tx *PeerTx) Commit(now time.Time, force bool, ready func() error) (bool, error) {
	first, last := tx.Peer.FirstSeen, tx.Peer.LastSeen
	tx.Peer.Touch(now)
	data, err := tx.encode()
	if err == nil && !force && sameExcept(data, tx.loadedOrNew(), activityOnly) {
		tx.Peer.FirstSeen, tx.Peer.LastSeen = first, last
		return false, nil
	}
	if err == nil && ready != nil {
		err = ready()
	}
	if err != nil {
		tx.Peer.FirstSeen, tx.Peer.LastSeen = first, last
		return false, err
	}
	return true, tx.write(data)
}

// write saves data, the encoding of the peer: to the sends file without
// a sync when it only sent within its reservations (reserve.go), else to
// the peer file, synced, with new reservations.
func (tx *PeerTx) write(data []byte) error {
	f, err := fileName(tx.Peer.Name)
	if err != nil {
		return err
	}
	epoch := epochIn(tx.peers)
	if tx.onlySent(data, epoch) {
		if err := writeSent(tx.peers, f, tx.mainSum, epoch, data); err != nil {
			return err
		}
		tx.saved, tx.sent = data, markSends(tx.Peer)
		return nil
	}
	tx.Peer.reserve(epoch)
	if data, err = tx.encode(); err != nil {
		return err
	}
	if err := tx.peers.writeAtomic(f+".toml", data); err != nil {
		return err
	}
	removeSent(tx.peers, f)
	tx.saved, tx.sent, tx.mainSum = data, markSends(tx.Peer), sha256.Sum256(data)
	return nil
}

// loadedOrNew is the file as loaded or last saved, or for a peer never
// saved what a new peer would be.
func (tx *PeerTx) loadedOrNew() []byte {
	if tx.saved != nil {
		return tx.saved
	}
	data, err := encodeTOML(NewPeer(tx.Peer.Name))
	if err != nil {
		return nil
	}
	return data
}

func (tx *PeerTx) encode() ([]byte, error) {
	tx.Peer.Version = FormatVersion
	return encodeTOML(tx.Peer)
}

// New reports whether the peer has no file yet (never saved).
func (tx *PeerTx) New() bool { return tx.saved == nil }

// Changed reports whether Save would write: whether the peer differs from
// its file as loaded or last saved.
func (tx *PeerTx) Changed() (bool, error) {
	data, err := tx.encode()
	return err == nil && !bytes.Equal(data, tx.saved), err
}

// Close releases the locks, peer first.
func (tx *PeerTx) Close() error {
	var errs []error
	for i := len(tx.locks) - 1; i >= 0; i-- {
		errs = append(errs, tx.locks[i].Unlock())
	}
	tx.locks = nil
	tx.peers.close()
	tx.root.close()
	tx.peers, tx.root = nil, nil
	return errors.Join(errs...)
}
