package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

// ErrUnknownPeer is the error of a peer command naming a peer with no
// saved session: a typo in --peer must not start a new, plaintext one.
var ErrUnknownPeer = errors.New("no saved session with this peer")

// unknownPeerError names the peer and the known ones, closest first.
type unknownPeerError struct {
	peer  string
	known []string
}

func (e *unknownPeerError) Error() string {
	msg := fmt.Sprintf("no saved session with %s", quoteArg(e.peer))
	switch {
	case len(e.known) == 0:
		return msg + "; no peer is known yet"
	case len(e.known) > maxNamed:
		names := quoteAll(e.known[:maxNamed])
		return fmt.Sprintf("%s; known peers (closest first): %s and %d more", msg, names, len(e.known)-maxNamed)
	}
	return fmt.Sprintf("%s; known peers (closest first): %s", msg, quoteAll(e.known))
}

func (e *unknownPeerError) Is(target error) bool { return target == ErrUnknownPeer }

const maxNamed = 8

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteArg(n)
	}
	return strings.Join(q, ", ")
}

// beginsPeer lists the commands through which a new peer begins: asking
// them for OTR, or reading what they wrote first.
var beginsPeer = map[string]bool{"query": true, "recv": true}

// requireKnownPeer fails unless peer has a saved session; only query and
// recv may begin one. It costs one stat; the listing is for the error.
func requireKnownPeer(store *state.Store, command, peer string) error {
	if beginsPeer[command] {
		return nil
	}
	if _, err := os.Lstat(store.IdentityPath()); errors.Is(err, fs.ErrNotExist) {
		return nil // no identity: the load says so, with its hint
	}
	path, err := store.PeerPath(peer)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil // present, or unreadable: the load reports that
	}
	names, err := store.Peers()
	if err != nil {
		return err
	}
	return withHint(&unknownPeerError{peer: peer, known: byCloseness(peer, names)},
		"to begin a conversation: otr query --peer %s (or otr recv --peer %s with what they wrote first)", quoteArg(peer), quoteArg(peer))
}

// checkPeerArg runs requireKnownPeer for --peer before a command reads
// its input (a secret must not be typed for a misspelt peer).
func checkPeerArg(c *cli.Context) error {
	peer := c.String("peer")
	if peer == "" {
		return nil // openSession asks for it
	}
	store, err := state.Open(stateDir(c))
	if err != nil {
		return err
	}
	return requireKnownPeer(store, c.Command.Name, peer)
}
