package libotrpeer

import (
	"strconv"
	"time"
)

// Bench has libotr run n protocol steps between two in-process userstates
// (our account and our buddy, each with its key) and returns the time spent
// in the protocol work alone (CLOCK_MONOTONIC). Kinds:
//
//	"ake"  n complete v3 AKEs between fresh contexts (query, commit, key, revealsig, sig)
//	"msg"  n data messages alternating direction, so every reply rotates a DH key
//	"msg1" n data messages in one direction
//	"smp"  n successful SMP runs in one established session
//	"keygen" n calls of otrl_privkey_generate (a DSA-1024 key with fresh
//	       parameters, written to a scratch key file as libotr always does)
//
// Messages are the 61-byte text "The quick brown fox jumps over the lazy dog,
// again and again."; the SMP secret is "correct horse battery staple".
func (p *Peer) Bench(kind string, n int) time.Duration {
	p.t.Helper()
	buddyKey := cachedKey(p.t, p.opts.Buddy, p.opts.Protocol)
	records := runOnce(p.t, "bench", kind, strconv.Itoa(n), p.opts.Account, p.opts.KeyFile,
		p.opts.Buddy, buddyKey, p.opts.Protocol)
	for _, r := range records {
		if r.tag == "value" {
			return time.Duration(atoi(r.fields["use"]))
		}
	}
	p.t.Fatalf("libotrpeer: bench %s: no time in the answer", kind)
	return 0
}
