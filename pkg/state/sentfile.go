package state

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	"golang.org/x/sys/unix"
)

// The sends file, peers/NAME.sent, holds the peer as its unsynced saves
// left it (reserve.go): the whole encoding, under a header naming the
// peer file it continues (by SHA-256) and the epoch it was written in.
// The peer file itself changes only by synced saves, so a power cut can
// never leave it empty or old whatever the file system does with an
// unsynced rename; the sends file is trusted only in the epoch that wrote
// it, only over the peer file it names and only if it decodes, and
// otherwise ignored: the peer file then resumes its sessions past their
// reservations, whatever its own epoch (a peer file edited by hand, or
// saved by a step killed before it removed the sends file, is of this
// epoch but older than the sends).

const sentSuffix = ".sent"

// sentHeader is the first line of a sends file over the peer file whose
// SHA-256 is base, written in epoch.
func sentHeader(base [sha256.Size]byte, epoch string) []byte {
	h := append([]byte("# otr sends over "), hex.EncodeToString(base[:])...)
	return append(append(append(h, " in "...), epoch...), '\n')
}

// readSent returns the encoding the sends file of f holds, if it
// continues the peer file whose SHA-256 is main, in this epoch (body nil otherwise), and
// whether there is one at all: a sends file not used (another peer file
// under it, another epoch, not one at all) may hold sends past the peer
// file's counters, so the peer file then resumes past its reservations.
// An unsafe sends file (a link, another owner's) is an error, as any
// state file is.
func readSent(d *dir, f string, main [sha256.Size]byte, epoch string) (body []byte, there bool, err error) {
	if epoch == "" {
		return nil, false, nil // no unsynced saves: the peer file's epoch is not this one
	}
	data, found, err := d.read(f + sentSuffix)
	if err != nil || !found {
		return nil, found, err
	}
	body, ok := bytes.CutPrefix(data, sentHeader(main, epoch))
	if !ok {
		body = nil
	}
	return body, true, nil
}

// writeSent writes the sends file of f: data over the peer file whose
// SHA-256 is base, in epoch, replaced whole (no sync).
func writeSent(d *dir, f string, base [sha256.Size]byte, epoch string, data []byte) error {
	return d.replace(f+sentSuffix, append(sentHeader(base, epoch), data...), false)
}

// removeSent deletes the sends file of f after a synced save of the peer
// file, and the temp file of a killed unsynced save (it holds the session
// keys of then, which forward secrecy wants gone, and no later synced
// save would otherwise remove it). A failure is not one: the sends file
// names the peer file it continues, which has just changed, so it is
// never used again (and costs only a gap in the counters, see loadPeer).
func removeSent(d *dir, f string) {
	_ = unix.Unlinkat(d.fd, f+sentSuffix, 0)
	_ = unix.Unlinkat(d.fd, tempName(f+sentSuffix), 0)
}
