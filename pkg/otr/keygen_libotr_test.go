package otr_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otrtool/otr/internal/libotrpeer"
	"github.com/otrtool/otr/pkg/libotrfile"
	"github.com/otrtool/otr/pkg/otr"
)

// TestGeneratedKeysWithLibotr: keys from GenerateKey work with libotr
// both ways. libotr signs with one of them (exported to a libotr key file,
// whose fingerprint libotr computes as we do), we sign with another, an
// AKE runs, each side verifies the other's signature, and messages flow.
func TestGeneratedKeysWithLibotr(t *testing.T) {
	theirs, err := otr.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := otr.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "otr.private_key")
	f, err := os.Create(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	acct := libotrfile.Account{Name: "alice@example", Protocol: "prpl-test", Key: theirs}
	if err := libotrfile.WritePrivateKeys(f, []libotrfile.Account{acct}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fps := libotrpeer.ReadKeyFingerprints(t, keyFile)
	if got, want := fps["alice@example/prpl-test"], otr.FormatFingerprint(theirs.Fingerprint()); got != want {
		t.Fatalf("libotr's fingerprint of our key %q, ours %q", got, want)
	}

	lib := libotrpeer.Start(t, libotrpeer.Options{Policy: "v2,v3", KeyFile: keyFile})
	c := otr.NewConversation(otr.Config{PrivateKey: ours, InstanceTag: 0x1234, Policy: otr.DefaultPolicy()})
	relayLibotr(t, c, lib, c.Query().Messages)
	st := lib.Status()
	if c.State.MsgState != otr.MsgEncrypted || st.MsgState != "encrypted" {
		t.Fatalf("after the AKE: ours %s, libotr %s", c.State.MsgState, st.MsgState)
	}
	if st.TheirFingerprint != strings.ToLower(strings.ReplaceAll(otr.FormatFingerprint(ours.Fingerprint()), " ", "")) {
		t.Fatalf("libotr saw fingerprint %s", st.TheirFingerprint)
	}
	if string(c.State.TheirFingerprint()) != string(theirs.Fingerprint()) {
		t.Fatal("we did not see libotr sign with the exported key")
	}

	res, err := c.Send("to libotr")
	if err != nil {
		t.Fatal(err)
	}
	var shown string
	for _, l := range res.Messages {
		shown += lib.Receive(l).Shown
	}
	if shown != "to libotr" {
		t.Fatalf("libotr showed %q", shown)
	}
	var got []string
	for _, l := range lib.Send("to us").Wire {
		r, err := c.Receive(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range r.Events {
			if e.Kind == otr.EventMessage {
				got = append(got, e.Text)
			}
		}
	}
	if len(got) != 1 || got[0] != "to us" {
		t.Fatalf("we showed %q", got)
	}
}

// relayLibotr runs the exchange between c and libotr, starting with lines for
// libotr, until both are quiet.
func relayLibotr(t *testing.T, c *otr.Conversation, lib *libotrpeer.Peer, toLib []string) {
	t.Helper()
	for round := 0; len(toLib) > 0; round++ {
		if round > 10 {
			t.Fatal("the AKE never went quiet")
		}
		var toUs []string
		for _, l := range toLib {
			toUs = append(toUs, lib.Receive(l).Wire...)
		}
		toLib = nil
		for _, l := range toUs {
			res, err := c.Receive(l)
			if err != nil {
				t.Fatalf("Receive(%.60q): %v", l, err)
			}
			toLib = append(toLib, res.Messages...)
		}
	}
}
