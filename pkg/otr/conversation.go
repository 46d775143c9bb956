package otr

import (
	"crypto/rand"
	"io"
	"time"
)

// Config is the part of a conversation that is not saved with it: the
// identity, the policy and the sources of randomness and time.
type Config struct {
	// PrivateKey is our long-lived DSA key. Required for the AKE.
	PrivateKey *PrivateKey
	// InstanceTag is our v3 instance tag (>= MinInstanceTag); persist it.
	InstanceTag uint32
	// Policy says which versions to speak and when to start the AKE.
	Policy Policy
	// FragmentSize, when > 0, splits every outgoing encoded message into
	// fragments of at most this many characters.
	FragmentSize int
	// SMPFragmentSize, when > 0, fragments SMP messages to this size
	// instead (SMP messages are the largest data messages).
	SMPFragmentSize int
	// HeartbeatInterval: after receiving a data message while we have sent
	// nothing for this long, send a heartbeat (libotr uses 60 s). Zero means
	// the default of 60 s; negative disables automatic heartbeats.
	HeartbeatInterval time.Duration
	// Rand is the source of randomness; nil means crypto/rand.
	Rand io.Reader
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// DefaultHeartbeatInterval is libotr's HEARTBEAT_INTERVAL.
const DefaultHeartbeatInterval = 60 * time.Second

func (c *Config) rand() io.Reader {
	if c.Rand == nil {
		return rand.Reader
	}
	return c.Rand
}

func (c *Config) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

func (c *Config) heartbeatInterval() time.Duration {
	if c.HeartbeatInterval == 0 {
		return DefaultHeartbeatInterval
	}
	return c.HeartbeatInterval
}

// Conversation is a private conversation with one peer: the Config it runs
// with and the State it keeps. Save State after each call that succeeded;
// a call that returns an error leaves State as it was, except where the
// spec demands a change (noted on the call).
type Conversation struct {
	Config Config
	State  State

	sym *symCache // cipher state reused between messages; never saved
}

// NewConversation starts a conversation in plaintext with no AKE under way.
func NewConversation(cfg Config) *Conversation {
	return &Conversation{Config: cfg}
}
