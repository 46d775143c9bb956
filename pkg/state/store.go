package state

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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

// Open uses an existing state directory, refusing one that others can
// access. A missing directory gives ErrNoIdentity.
func Open(dir string) (*Store, error) {
	if err := checkPrivate(dir, dirMode); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s does not exist", ErrNoIdentity, dir)
		}
		return nil, err
	}
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

// LockIdentity takes the identity lock: shared to use it, exclusive to
// change it.
func (s *Store) LockIdentity(exclusive bool) (*Lock, error) {
	return lockFile(filepath.Join(s.Dir, identityLock), exclusive)
}

// LockPeer takes the exclusive lock of one peer.
func (s *Store) LockPeer(name string) (*Lock, error) {
	path, err := s.PeerPath(name)
	if err != nil {
		return nil, err
	}
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	return lockFile(strings.TrimSuffix(path, ".toml")+".lock", true)
}

// LoadIdentity reads the identity; ErrNoIdentity if there is none yet.
func (s *Store) LoadIdentity() (*Identity, error) {
	id := new(Identity)
	found, err := readTOML(s.IdentityPath(), id)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%w: %s does not exist", ErrNoIdentity, s.IdentityPath())
	}
	if err := id.check(); err != nil {
		return nil, &CorruptError{Path: s.IdentityPath(), Err: err}
	}
	if _, err := id.PrivateKey(); err != nil {
		return nil, &CorruptError{Path: s.IdentityPath(), Err: err}
	}
	return id, nil
}

// SaveIdentity writes the identity atomically.
func (s *Store) SaveIdentity(id *Identity) error {
	id.Version = FormatVersion
	return writeTOML(s.IdentityPath(), id)
}

// LoadPeer reads a peer; a peer never saved is returned new.
func (s *Store) LoadPeer(name string) (*Peer, error) {
	path, err := s.PeerPath(name)
	if err != nil {
		return nil, err
	}
	p := new(Peer)
	found, err := readTOML(path, p)
	if err != nil || !found {
		return NewPeer(name), err
	}
	if err := p.check(name); err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	return p, nil
}

// SavePeer writes a peer atomically.
func (s *Store) SavePeer(p *Peer) error {
	path, err := s.PeerPath(p.Name)
	if err != nil {
		return err
	}
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return err
	}
	p.Version = FormatVersion
	return writeTOML(path, p)
}

// Peers lists the names of all saved peers, sorted.
func (s *Store) Peers() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(s.Dir, peersDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".toml")
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

// readTOML decodes path into v. found is false when the file is missing.
// Anything unreadable is a CorruptError; unknown keys count as corrupt
// since they mean a typo or a newer program.
func readTOML(path string, v any) (found bool, err error) {
	if err := checkPrivate(path, fileMode); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return false, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		return true, &CorruptError{Path: path, Err: withoutInput(err)}
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		return true, &CorruptError{Path: path, Err: fmt.Errorf("unknown key %q", extra[0].String())}
	}
	return true, nil
}

func writeTOML(path string, v any) error {
	var buf bytes.Buffer
	buf.WriteString("# OTR state, written by the otr command. Keep private.\n")
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	return writeFileAtomic(path, buf.Bytes())
}

// quotedInput matches the parts of a TOML parse message that quote the
// file ("got 'a' instead"); the files hold keys, so errors must not.
var quotedInput = regexp.MustCompile(`'[^']*'|"[^"]*"`)

// withoutInput keeps a TOML error's position and reason but drops what it
// quotes of the input.
func withoutInput(err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	msg := quotedInput.ReplaceAllString(pe.Message, "(…)")
	if pe.LastKey != "" {
		return fmt.Errorf("toml: line %d, column %d (after key %q): %s", pe.Position.Line, pe.Position.Col, pe.LastKey, msg)
	}
	return fmt.Errorf("toml: line %d, column %d: %s", pe.Position.Line, pe.Position.Col, msg)
}
