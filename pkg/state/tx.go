package state

import (
	"bytes"
	"errors"
	"reflect"
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
	// base is a deep copy of the peer as loaded (nil once saved): what the
	// step changed, and whether the save needs a sync (reserve.go).
	base *Peer
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
	if tx.Peer, tx.saved, err = loadPeer(tx.peers, name); err != nil {
		return err
	}
	tx.base = deepCopy(tx.Peer)
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
	boot := currentBoot()
	synced := !onlySent(tx.base, tx.Peer, boot) || !renameOrderedIn(tx.peers)
	if synced {
		tx.Peer.reserve(boot)
	}
	saved, err := savePeerIfChanged(tx.peers, tx.Peer, tx.saved, synced)
	if err == nil {
		tx.saved, tx.base = saved, nil
	}
	return err
}

// Modified reports whether the peer differs in any way from the peer as
// loaded (after a Save: whether Save would write).
func (tx *PeerTx) Modified() bool {
	if tx.base == nil {
		changed, err := tx.Changed()
		return changed || err != nil
	}
	return !reflect.DeepEqual(tx.base, tx.Peer)
}

// New reports whether the peer has no file yet (never saved).
func (tx *PeerTx) New() bool { return tx.saved == nil }

// Changed reports whether Save would write: whether the peer differs from
// its file as loaded or last saved.
func (tx *PeerTx) Changed() (bool, error) {
	tx.Peer.Version = FormatVersion
	data, err := encodeTOML(tx.Peer)
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
