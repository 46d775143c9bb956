package main

import (
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
)

// A refresh works both ways with libotr and reads "refreshed" on our side
// either way. (libotr 4.1.1 reports our refresh with gone_secure, not
// still_secure; either is accepted here.)
func TestLibotrRefresh(t *testing.T) {
	s := newWithLibotr(t, libotrpeer.Options{})
	s.handshake(true, 3)
	r, tr := s.ours("", "query", "--peer", s.us.peer)
	if r.event("refreshing") == nil {
		t.Errorf("our query showed %v, want refreshing", r.kinds())
	}
	if !tr.lib.Has("gone_secure") && !tr.lib.Has("still_secure") {
		t.Errorf("libotr saw %v after our refresh, want it secure again", tr.lib.Kinds())
	}
	if sec := tr.our("secure"); sec == nil || sec["refreshed"] != true {
		t.Errorf("our secure event after our refresh: %v", sec)
	}
	tr = s.theirs(s.lib.Query())
	if sec := tr.our("secure"); sec == nil || sec["refreshed"] != true {
		t.Errorf("our secure event after libotr's refresh: %v (saw %v)", sec, tr.ourKinds())
	}
	s.weSay("still private")
	s.theySay("yes")
}
