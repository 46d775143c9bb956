package libotrpeer

import "testing"

func TestPolicyStartsAKE(t *testing.T) {
	tests := []struct {
		name    string
		aPolicy string
		start   func(a, b *Peer) []string // lines alice sends bob
		bShown  string
	}{
		{"require encryption queues the message", "v2,v3,require",
			func(a, b *Peer) []string { return a.Send("secret").Wire },
			"secret"},
		{"whitespace tag starts the AKE", "",
			func(a, b *Peer) []string { return a.Send("hi").Wire },
			"hi"},
		{"an OTR error starts the AKE", "",
			func(a, b *Peer) []string { return a.Receive("?OTR Error: boom").Wire },
			""},
	}
	for _, tt := range tests {
		a, b := pair(t, Options{Policy: tt.aPolicy}, Options{})
		lines := tt.start(a, b)
		_, bOut := relay(t, a, b, lines)
		if a.Status().MsgState != "encrypted" || b.Status().MsgState != "encrypted" {
			t.Errorf("%s: states %s/%s, want both encrypted", tt.name, a.Status().MsgState, b.Status().MsgState)
		}
		if bOut.Shown != tt.bShown {
			t.Errorf("%s: bob was shown %q, want %q", tt.name, bOut.Shown, tt.bShown)
		}
	}
}
