package state

import (
	"bytes"
	"fmt"
	"time"

	"github.com/otrtool/otr/pkg/otr"
)

// Trust says how a peer's fingerprint was verified.
type Trust string

// The trust levels.
const (
	Unverified Trust = "unverified" // seen, not verified
	TrustSMP   Trust = "smp"        // verified by a successful SMP run
	TrustHand  Trust = "manual"     // verified by hand (compared out of band)
)

// Verified reports whether the fingerprint was verified in any way.
func (t Trust) Verified() bool { return t == TrustSMP || t == TrustHand }

// Known is a fingerprint seen for a peer.
type Known struct {
	Fingerprint otr.Bytes `toml:"fingerprint"`
	Trust       Trust     `toml:"trust"`
	// TrustText is the trust text a libotr client stored for a fingerprint
	// verified by hand, when it was not libotr's usual "verified"; it is
	// written back on export while the trust stays manual.
	TrustText string    `toml:"trust_text,omitempty"`
	FirstSeen time.Time `toml:"first_seen"`
	LastSeen  time.Time `toml:"last_seen"`
}

// Peer is everything kept about one peer: its session and what we know of
// its keys.
type Peer struct {
	Version int    `toml:"version"`
	Name    string `toml:"peer"`
	// FirstSeen and LastSeen are when we first and last handled a line
	// for this peer (zero until then).
	FirstSeen time.Time `toml:"first_seen,omitempty"`
	LastSeen  time.Time `toml:"last_seen,omitempty"`
	// Boot is the epoch that wrote the file (the system's boot id and the
	// mount's id, see epoch), and Reserved the send counters its last
	// synced save reserved (see reserve.go).
	Boot     string        `toml:"boot,omitempty"`
	Known    []Known       `toml:"known"`
	Reserved []Reservation `toml:"reserved,omitempty"`
	Session  otr.State     `toml:"session"`
}

// NewPeer is a peer never seen before.
func NewPeer(name string) *Peer { return &Peer{Version: FormatVersion, Name: name} }

// Lookup returns the record of a fingerprint, or nil.
func (p *Peer) Lookup(fp []byte) *Known {
	for i := range p.Known {
		if bytes.Equal(p.Known[i].Fingerprint, fp) {
			return &p.Known[i]
		}
	}
	return nil
}

// See records that fp was seen now, adding it as unverified when new, and
// returns its record and whether it was new.
func (p *Peer) See(fp []byte, now time.Time) (*Known, bool) {
	now = now.UTC().Truncate(time.Second)
	if k := p.Lookup(fp); k != nil {
		k.LastSeen = now
		return k, false
	}
	p.Known = append(p.Known, Known{
		Fingerprint: append(otr.Bytes(nil), fp...), Trust: Unverified, FirstSeen: now, LastSeen: now,
	})
	return &p.Known[len(p.Known)-1], true
}

// Touch records activity with the peer.
func (p *Peer) Touch(now time.Time) {
	now = now.UTC().Truncate(time.Second)
	if p.FirstSeen.IsZero() {
		p.FirstSeen = now
	}
	p.LastSeen = now
}

func (p *Peer) check(name string) error {
	if p.Version != FormatVersion {
		return fmt.Errorf("%w %d (this program reads version %d)", ErrVersion, p.Version, FormatVersion)
	}
	if p.Name != name {
		return fmt.Errorf("the file is for another peer, not %q", name) // its name is not quoted: nothing of a state file is
	}
	for _, k := range p.Known {
		switch k.Trust {
		case Unverified, TrustSMP, TrustHand:
		default:
			return fmt.Errorf("unknown trust of a known fingerprint (want unverified, smp or manual)")
		}
	}
	return nil
}
