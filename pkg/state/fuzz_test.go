package state

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/otrtool/otr/pkg/otr"
)

// fuzzStore is a store whose identity and peer "bob" files the fuzzer
// overwrites; seeds are real files written by the store itself.
func fuzzStore(f *testing.F) (*Store, string) {
	s, err := Create(f.TempDir() + "/state")
	if err != nil {
		f.Fatal(err)
	}
	k, err := otr.GenerateKey(nil)
	if err != nil {
		f.Fatal(err)
	}
	if err := s.SaveIdentity(NewIdentity(k, 0x12345678, time.Now())); err != nil {
		f.Fatal(err)
	}
	p := NewPeer("bob")
	p.See([]byte("01234567890123456789"), time.Now())
	p.Session.MsgState = otr.MsgEncrypted
	p.Session.Pending = []string{"queued \"text\"\n"}
	p.Session.Keys.Sessions = []otr.SessionKeys{{OurKeyID: 1, TheirKeyID: 2, SendAES: otr.Bytes{1, 2}}}
	if err := s.SavePeer(p); err != nil {
		f.Fatal(err)
	}
	path, _ := s.PeerPath("bob")
	return s, path
}

// loadErrorOK: every failure must be one the CLI can explain.
func loadErrorOK(err error) bool {
	var corrupt *CorruptError
	return err == nil || errors.As(err, &corrupt)
}

// FuzzLoadPeer: a hostile or broken peer file never panics the loader and
// always fails as a CorruptError naming the file.
func FuzzLoadPeer(f *testing.F) {
	s, path := fuzzStore(f)
	seed, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("version = 1\npeer = \"bob\"\n[session]\nmsg_state = \"encrypted\"\n"))
	f.Add([]byte("version = 99\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoadPeer("bob"); !loadErrorOK(err) {
			t.Fatalf("LoadPeer error is not a CorruptError: %v", err)
		}
	})
}

// FuzzLoadIdentity: likewise for the identity file.
func FuzzLoadIdentity(f *testing.F) {
	s, _ := fuzzStore(f)
	seed, err := os.ReadFile(s.IdentityPath())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("version = 1\ninstance_tag = 256\n[key]\np = \"ff\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(s.IdentityPath(), data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoadIdentity(); !loadErrorOK(err) {
			t.Fatalf("LoadIdentity error is not a CorruptError: %v", err)
		}
	})
}
