package otr

import (
	"crypto/sha1"
	"time"
)

// MsgState is the spec's message state.
type MsgState string

// The message states.
const (
	MsgPlaintext MsgState = "plaintext"
	MsgEncrypted MsgState = "encrypted"
	MsgFinished  MsgState = "finished"
)

// private reports whether the conversation is or was private (encrypted or
// finished); a new conversation's empty state is plaintext.
func (m MsgState) private() bool { return m == MsgEncrypted || m == MsgFinished }

// AuthState is the spec's authentication (AKE) state.
type AuthState string

// The authentication states.
const (
	AuthNone              AuthState = "none"
	AuthAwaitingDHKey     AuthState = "awaiting_dhkey"
	AuthAwaitingRevealSig AuthState = "awaiting_revealsig"
	AuthAwaitingSig       AuthState = "awaiting_sig"
)

// State is everything a conversation needs to continue: plain data that
// round-trips through encoding/json or TOML exactly. The zero State is a
// new conversation in plaintext.
type State struct {
	MsgState MsgState `toml:"msg_state,omitempty" json:"msg_state,omitempty"`
	// Version is the protocol version of the established session.
	Version int `toml:"version,omitempty" json:"version,omitempty"`
	// TheirInstance is the peer's instance tag of the established session.
	TheirInstance uint32 `toml:"their_instance,omitempty" json:"their_instance,omitempty"`
	// TheirPublicKey is the peer's long-lived key (PUBKEY encoding), as
	// authenticated by the last AKE.
	TheirPublicKey Bytes `toml:"their_public_key,omitempty" json:"their_public_key,omitempty"`
	// SSID is the secure session id of the established session.
	SSID Bytes `toml:"ssid,omitempty" json:"ssid,omitempty"`
	// WeStartedAKE says whether we sent the Reveal Signature message (we
	// were the AKE's initiator): libotr shows that side's half of the SSID
	// in bold.
	WeStartedAKE bool `toml:"we_started_ake,omitempty" json:"we_started_ake,omitempty"`

	AKE       AKEState      `toml:"ake" json:"ake"`
	Keys      KeyState      `toml:"keys" json:"keys"`
	SMP       SMPState      `toml:"smp" json:"smp"`
	Fragments FragmentState `toml:"fragments" json:"fragments"`

	// Pending holds messages typed while no private conversation was up,
	// to be sent once the AKE completes.
	Pending []string `toml:"pending,omitempty" json:"pending,omitempty"`
	// SawPlaintext says a plaintext message arrived since we entered
	// plaintext, so we stop attaching whitespace tags.
	SawPlaintext bool `toml:"saw_plaintext,omitempty" json:"saw_plaintext,omitempty"`
	// LastSent is when we last sent a data message (for heartbeats).
	LastSent time.Time `toml:"last_sent,omitempty" json:"last_sent,omitempty"`
	// LastErrorAKE is when an OTR error last made us send a query, so a
	// flood of replayed errors cannot storm the peer with AKEs.
	LastErrorAKE time.Time `toml:"last_error_ake,omitempty" json:"last_error_ake,omitempty"`
}

// TheirFingerprint is the fingerprint of the key the peer authenticated
// with in the last AKE (nil before any): SHA-1 of its PUBKEY encoding
// without the type field.
func (st *State) TheirFingerprint() []byte {
	if len(st.TheirPublicKey) < 2 {
		return nil
	}
	h := sha1.Sum(st.TheirPublicKey[2:])
	return h[:]
}

// AKEState is an authenticated key exchange in progress.
type AKEState struct {
	State   AuthState `toml:"state,omitempty" json:"state,omitempty"`
	Version int       `toml:"version,omitempty" json:"version,omitempty"`
	// TheirInstance is the instance tag of the peer we exchange keys with.
	TheirInstance uint32 `toml:"their_instance,omitempty" json:"their_instance,omitempty"`
	// OurPrivate and OurPublic are our D-H key pair (x, g^x or y, g^y).
	OurPrivate Bytes `toml:"our_private,omitempty" json:"our_private,omitempty"`
	OurPublic  Bytes `toml:"our_public,omitempty" json:"our_public,omitempty"`
	// R is the AES key that hides g^x in our D-H Commit message.
	R Bytes `toml:"r,omitempty" json:"r,omitempty"`
	// OurHashedGx is the hash in our D-H Commit (for commit collisions).
	OurHashedGx Bytes `toml:"our_hashed_gx,omitempty" json:"our_hashed_gx,omitempty"`
	// TheirEncryptedGx and TheirHashedGx are from the peer's D-H Commit.
	TheirEncryptedGx Bytes `toml:"their_encrypted_gx,omitempty" json:"their_encrypted_gx,omitempty"`
	TheirHashedGx    Bytes `toml:"their_hashed_gx,omitempty" json:"their_hashed_gx,omitempty"`
	// TheirPublic is the peer's D-H public value once known.
	TheirPublic Bytes `toml:"their_public,omitempty" json:"their_public,omitempty"`
	// LastMessage is the AKE message we last sent, for retransmission.
	LastMessage string `toml:"last_message,omitempty" json:"last_message,omitempty"`
}

// DHPair is one of our Diffie-Hellman key pairs.
type DHPair struct {
	Private Bytes `toml:"private,omitempty" json:"private,omitempty"`
	Public  Bytes `toml:"public,omitempty" json:"public,omitempty"`
}

// KeyState is the spec's key management state for data messages.
type KeyState struct {
	// OurKeyID is the id of OurCurrent; OurPrevious has OurKeyID-1.
	OurKeyID    uint32 `toml:"our_key_id,omitempty" json:"our_key_id,omitempty"`
	OurCurrent  DHPair `toml:"our_current" json:"our_current"`
	OurPrevious DHPair `toml:"our_previous" json:"our_previous"`
	// TheirKeyID is the id of TheirCurrent; TheirPrevious (may be empty)
	// has TheirKeyID-1.
	TheirKeyID    uint32 `toml:"their_key_id,omitempty" json:"their_key_id,omitempty"`
	TheirCurrent  Bytes  `toml:"their_current,omitempty" json:"their_current,omitempty"`
	TheirPrevious Bytes  `toml:"their_previous,omitempty" json:"their_previous,omitempty"`
	// Sessions caches the keys derived for each pair of key ids in use.
	Sessions []SessionKeys `toml:"sessions,omitempty" json:"sessions,omitempty"`
	// OldMACKeys are receiving MAC keys to reveal in our next data message.
	OldMACKeys Bytes `toml:"old_mac_keys,omitempty" json:"old_mac_keys,omitempty"`
}

// SessionKeys are the keys of one (our key id, their key id) pair.
type SessionKeys struct {
	OurKeyID   uint32 `toml:"our_key_id" json:"our_key_id"`
	TheirKeyID uint32 `toml:"their_key_id" json:"their_key_id"`
	SendAES    Bytes  `toml:"send_aes" json:"send_aes"`
	SendMAC    Bytes  `toml:"send_mac" json:"send_mac"`
	RecvAES    Bytes  `toml:"recv_aes" json:"recv_aes"`
	RecvMAC    Bytes  `toml:"recv_mac" json:"recv_mac"`
	// ExtraKey is h2(0xFF) of this pair's shared secret.
	ExtraKey Bytes `toml:"extra_key" json:"extra_key"`
	// SendCounter is the top half of the last counter we sent.
	SendCounter uint64 `toml:"send_counter,omitempty" json:"send_counter,omitempty"`
	// RecvCounter is the top half of the last counter we accepted.
	RecvCounter uint64 `toml:"recv_counter,omitempty" json:"recv_counter,omitempty"`
	// RecvMACUsed says RecvMAC verified a message, so it must be revealed
	// when these keys are forgotten.
	RecvMACUsed bool `toml:"recv_mac_used,omitempty" json:"recv_mac_used,omitempty"`
}

// FragmentState is the fragment being reassembled (the spec's K, N, F).
type FragmentState struct {
	K      uint16 `toml:"k,omitempty" json:"k,omitempty"`
	N      uint16 `toml:"n,omitempty" json:"n,omitempty"`
	Buffer string `toml:"buffer,omitempty" json:"buffer,omitempty"`
}
