package state

import (
	"bytes"
	"maps"
)

// What a step changed is read off the peer's encoding against its file
// as loaded: the encoder writes one key per line, under table headers, in
// a fixed order, so two encodings that differ only in some keys differ
// only in those lines. Lines are compared with the keys a rule ignores
// taken out of both sides; a key is named with its table ("" for the top
// level), so that the peer's last_seen is not a fingerprint's.

// ignored is a set of keys, each as "table\x00key".
type ignored map[string]bool

var (
	// activityOnly: the time of the last activity (and of the first).
	activityOnly = ignored{"\x00last_seen": true, "\x00first_seen": true}
	// sendOnly: what a send changes, the send counters' values being
	// checked apart (PeerTx.onlySent).
	sendOnly = ignored{
		"\x00last_seen":                         true,
		"session\x00last_sent":                  true,
		"session.keys\x00old_mac_keys":          true,
		"session.keys.sessions\x00send_counter": true,
	}
	// sendKeepingMACKeys is sendOnly when the old MAC keys are still
	// there: not revealed, they must not change.
	sendKeepingMACKeys = sendOnly.without("session.keys\x00old_mac_keys")
)

// without is the set less one key.
func (s ignored) without(key string) ignored {
	out := maps.Clone(s)
	delete(out, key)
	return out
}

// sameExcept reports whether encodings a and b have the same lines once
// the keys in skip are taken out of both.
func sameExcept(a, b []byte, skip ignored) bool {
	ra, rb := lineReader{rest: a}, lineReader{rest: b}
	for {
		la, oka := ra.next(skip)
		lb, okb := rb.next(skip)
		if !oka || !okb {
			return oka == okb
		}
		if !bytes.Equal(la, lb) {
			return false
		}
	}
}

// lineReader yields the lines of an encoding, skipping ignored keys.
type lineReader struct {
	rest  []byte
	table []byte // the current table's name
	key   []byte // scratch: "table\x00key"
}

func (r *lineReader) next(skip ignored) ([]byte, bool) {
	for len(r.rest) > 0 {
		line := r.rest
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, r.rest = line[:i], r.rest[i+1:]
		} else {
			r.rest = nil
		}
		trimmed := bytes.TrimLeft(line, " ")
		if len(trimmed) > 0 && trimmed[0] == '[' {
			r.table = bytes.Trim(trimmed, "[]")
			return line, true
		}
		if key, _, ok := bytes.Cut(trimmed, []byte(" = ")); ok {
			r.key = append(append(append(r.key[:0], r.table...), 0), key...)
			if skip[string(r.key)] {
				continue
			}
		}
		return line, true
	}
	return nil, false
}
