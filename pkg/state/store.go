package state

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Store is one state directory: one identity and its peers.
type Store struct{ Dir string }

const (
	identityFile = "identity.toml"
	identityLock = "identity.lock"
	peersDir     = "peers"
)

// Open uses an existing state directory, refusing one that is a symbolic
// link, belongs to another user or is open to others. A missing directory
// gives ErrNoIdentity.
func Open(dir string) (*Store, error) {
	d, err := openDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s does not exist", ErrNoIdentity, dir)
		}
		return nil, err
	}
	d.close()
	return &Store{Dir: dir}, nil
}

// Create opens dir, creating it (0700) and its parents if missing.
func Create(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	if err := ensureDir(dir); err != nil {
		return nil, err
	}
	return &Store{Dir: dir}, nil
}

// IdentityPath is where the identity lives.
func (s *Store) IdentityPath() string { return filepath.Join(s.Dir, identityFile) }

// PeerPath is where a peer's file lives.
func (s *Store) PeerPath(name string) (string, error) {
	f, err := fileName(name)
	if err != nil {
		return "", err
	}
	return filepath.Join(s.Dir, peersDir, f+".toml"), nil
}

// root opens the state directory itself.
func (s *Store) root() (*dir, error) { return openDir(s.Dir) }

// peers opens the peers directory, creating it when create is set; a
// missing one (never created) gives nil, nil.
func (s *Store) peers(create bool) (*dir, error) {
	r, err := s.root()
	if err != nil {
		return nil, err
	}
	defer r.close()
	d, err := r.sub(peersDir, create)
	if !create && errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return d, err
}

// LockIdentity takes the identity lock: shared to use it, exclusive to
// change it.
func (s *Store) LockIdentity(exclusive bool) (*Lock, error) {
	r, err := s.root()
	if err != nil {
		return nil, err
	}
	defer r.close()
	return r.lock(identityLock, exclusive)
}

// LockPeer takes the exclusive lock of one peer.
func (s *Store) LockPeer(name string) (*Lock, error) {
	f, err := fileName(name)
	if err != nil {
		return nil, err
	}
	d, err := s.peers(true)
	if err != nil {
		return nil, err
	}
	defer d.close()
	return d.lock(f+".lock", true)
}

// LoadIdentity reads the identity; ErrNoIdentity if there is none yet.
func (s *Store) LoadIdentity() (*Identity, error) {
	r, err := s.root()
	if err != nil {
		return nil, err
	}
	defer r.close()
	return s.loadIdentity(r, true)
}

// loadIdentity reads the identity from the state directory r. With full
// unset (a protocol step) the key is checked without exponentiation (see
// KeyParams.stepKey).
func (s *Store) loadIdentity(r *dir, full bool) (*Identity, error) {
	id := new(Identity)
	found, err := readTOML(r, identityFile, id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%w: %s does not exist", ErrNoIdentity, s.IdentityPath())
	}
	if err := id.check(); err != nil {
		return nil, &CorruptError{Path: s.IdentityPath(), Err: err}
	}
	var kerr error
	if full {
		_, kerr = id.PrivateKey()
	} else {
		id.key, kerr = id.Key.stepKey()
	}
	if kerr != nil {
		return nil, &CorruptError{Path: s.IdentityPath(), Err: kerr}
	}
	return id, nil
}

// SaveIdentity writes the identity atomically.
func (s *Store) SaveIdentity(id *Identity) error {
	r, err := s.root()
	if err != nil {
		return err
	}
	defer r.close()
	id.Version = FormatVersion
	return writeTOML(r, identityFile, id)
}

// LoadPeer reads a peer; a peer never saved is returned new.
func (s *Store) LoadPeer(name string) (*Peer, error) {
	if _, err := fileName(name); err != nil {
		return nil, err
	}
	d, err := s.peers(false)
	if err != nil {
		return nil, err
	}
	defer d.close()
	p, _, _, err := loadPeer(d, name)
	return p, err
}

// loadPeer reads a peer from the peers directory d (nil: none yet), and
// returns the content it was decoded from (nil for a peer never saved)
// and the SHA-256 of its peer file.
func loadPeer(d *dir, name string) (*Peer, []byte, [sha256.Size]byte, error) {
	var none [sha256.Size]byte
	f, err := fileName(name)
	if err != nil || d == nil {
		return NewPeer(name), nil, none, err
	}
	main, found, err := d.read(f + ".toml")
	if err != nil || !found {
		return NewPeer(name), nil, none, err
	}
	epoch, sum := epochIn(d), sha256.Sum256(main)
	sent, there, err := readSent(d, f, sum, epoch)
	if err != nil {
		return nil, nil, none, err
	}
	if sent != nil {
		// One that does not decode is no better than none: ignored, as
		// one over another peer file (sentfile.go).
		if p, err := decodePeer(d, f+sentSuffix, sent, name); err == nil {
			p.recoverCounters(epoch, false)
			return p, sent, sum, nil
		}
	}
	p, err := decodePeer(d, f+".toml", main, name)
	if err != nil {
		return nil, nil, none, err
	}
	p.recoverCounters(epoch, there)
	return p, main, sum, nil
}

// decodePeer decodes data, the content of the file src of d, as the
// peer name.
func decodePeer(d *dir, src string, data []byte, name string) (*Peer, error) {
	p := new(Peer)
	if err := decodeState(d.join(src), data, p); err != nil {
		return nil, err
	}
	if err := p.check(name); err != nil {
		return nil, &CorruptError{Path: d.join(src), Err: err}
	}
	return p, nil
}

// SavePeer writes a peer atomically.
func (s *Store) SavePeer(p *Peer) error {
	if _, err := fileName(p.Name); err != nil {
		return err
	}
	d, err := s.peers(true)
	if err != nil {
		return err
	}
	defer d.close()
	return savePeer(d, p)
}

// savePeer writes p to its peer file, synced, and drops its sends file.
func savePeer(d *dir, p *Peer) error {
	f, err := fileName(p.Name)
	if err != nil {
		return err
	}
	p.Version = FormatVersion
	p.reserve(epochIn(d))
	data, err := encodeTOML(p)
	if err == nil {
		err = d.writeAtomic(f+".toml", data)
	}
	if err == nil {
		removeSent(d, f)
	}
	return err
}

// Peers lists the names of all saved peers, sorted.
func (s *Store) Peers() ([]string, error) {
	d, err := s.peers(false)
	if d == nil || err != nil {
		return nil, err
	}
	defer d.close()
	entries, err := d.names()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		base, ok := strings.CutSuffix(e, ".toml")
		if !ok || strings.HasPrefix(base, ".") {
			continue // lock files, temp files of interrupted saves
		}
		if name, err := peerName(base); err == nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}

// readTOML decodes the file name of d into v. found is false when the
// file is missing. Anything unreadable is a CorruptError that quotes
// nothing of the file; unknown keys count as corrupt since they mean a
// typo or a newer program.
func readTOML(d *dir, name string, v any) (found bool, err error) {
	data, found, err := d.read(name)
	if err != nil || !found {
		return found, err
	}
	return true, decodeState(d.join(name), data, v)
}

func writeTOML(d *dir, name string, v any) error {
	data, err := encodeTOML(v)
	if err != nil {
		return err
	}
	return d.writeAtomic(name, data)
}

const fileComment = "# OTR state, written by the otr command. Keep private.\n"

func encodeTOML(v any) ([]byte, error) {
	if data, ok := fastEncode(append(make([]byte, 0, 4096), fileComment...), v); ok {
		return data, nil
	}
	var buf bytes.Buffer
	buf.WriteString(fileComment)
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
