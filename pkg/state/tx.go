package state

import "errors"

// PeerTx is one load-process-save step for one peer: the identity is held
// under a shared lock and the peer under an exclusive lock until Close, so
// concurrent invocations on the same peer never lose an update.
type PeerTx struct {
	Store    *Store
	Identity *Identity
	Peer     *Peer
	locks    []*Lock
}

// BeginPeer locks and loads the identity and the named peer.
func (s *Store) BeginPeer(name string) (*PeerTx, error) {
	tx := &PeerTx{Store: s}
	var err error
	if tx.Identity, err = tx.lockAndLoadIdentity(); err == nil {
		err = tx.lockAndLoadPeer(name)
	}
	if err != nil {
		tx.Close()
		return nil, err
	}
	return tx, nil
}

func (tx *PeerTx) lockAndLoadIdentity() (*Identity, error) {
	l, err := tx.Store.LockIdentity(false)
	if err != nil {
		return nil, err
	}
	tx.locks = append(tx.locks, l)
	return tx.Store.LoadIdentity()
}

func (tx *PeerTx) lockAndLoadPeer(name string) error {
	l, err := tx.Store.LockPeer(name)
	if err != nil {
		return err
	}
	tx.locks = append(tx.locks, l)
	tx.Peer, err = tx.Store.LoadPeer(name)
	return err
}

// Save writes the peer; the locks stay held.
func (tx *PeerTx) Save() error { return tx.Store.SavePeer(tx.Peer) }

// Close releases the locks, peer first.
func (tx *PeerTx) Close() error {
	var errs []error
	for i := len(tx.locks) - 1; i >= 0; i-- {
		errs = append(errs, tx.locks[i].Unlock())
	}
	tx.locks = nil
	return errors.Join(errs...)
}
