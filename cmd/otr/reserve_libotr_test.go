package main

import (
	"encoding/base64"
	"encoding/binary"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// topCounter is the top half of the counter of a one-line v3 data message.
func topCounter(t *testing.T, wire string) uint64 {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(wire), "?OTR:"), "."))
	const dhAt = 2 + 1 + 4 + 4 + 1 + 4 + 4 // version, type, tags, flags, key ids
	if err != nil || len(b) < dhAt+4 || b[2] != 0x03 {
		t.Fatalf("not a one-line v3 data message: %.60q", wire)
	}
	at := dhAt + 4 + int(binary.BigEndian.Uint32(b[dhAt:]))
	if len(b) < at+8 {
		t.Fatalf("a data message cut short: %.60q", wire)
	}
	return binary.BigEndian.Uint64(b[at:])
}

var bootLine = regexp.MustCompile(`(?m)^boot = "[^"]*"$`)

// TestPowerCutAfterUnsyncedSends: sends after a synced save may be saved
// without a sync (docs/security.md). A power cut that loses them brings
// back the synced file; in the next boot (another boot id) our next
// message must use a counter above every one sent, and libotr must take
// it. Here the power cut is played by putting the synced file back with
// another boot id.
func TestPowerCutAfterUnsyncedSends(t *testing.T) {
	s := newWithLibotr(t, libotrpeer.Options{})
	s.handshake(true, 3)
	s.weSay("synced")
	synced := readFile(t, s.us.peerFile())
	if !bootLine.Match(synced) && fileExists(bootIDPath()) {
		t.Fatalf("the peer file has no boot id:\n%s", synced)
	}
	var last uint64
	for _, text := range []string{"two", "three", "four"} {
		r, _ := s.ours(text+"\n", "send", "--peer", s.us.peer)
		last = topCounter(t, r.stdout)
	}
	cut := bootLine.ReplaceAll(synced, []byte(`boot = "00000000-0000-4000-8000-000000000000"`))
	if err := os.WriteFile(s.us.peerFile(), cut, 0o600); err != nil {
		t.Fatal(err)
	}
	r, tr := s.ours("after the power cut\n", "send", "--peer", s.us.peer)
	if got := topCounter(t, r.stdout); got <= last {
		t.Fatalf("after the power cut our counter is %d, not above %d already sent", got, last)
	}
	if m, ok := tr.lib.Find("message"); !ok || m.Text != "after the power cut" || !m.Encrypted {
		t.Fatalf("libotr did not take the message after the counter gap: %v", tr.lib.Kinds())
	}
	s.weSay("and on")
	s.theySay("still private")
}

func bootIDPath() string { return "/proc/sys/kernel/random/boot_id" }

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
