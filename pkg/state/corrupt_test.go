package state

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

func TestCorruptPeerFileIsReportedAndKept(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"garbage", "this is = = not toml", "corrupt"},
		{"unknown version", "version = 7\npeer = \"bob\"\n", "unsupported format version 7"},
		{"no version", "peer = \"bob\"\n", "unsupported format version 0"},
		{"unknown key", "version = 1\npeer = \"bob\"\ntrsut = 1\n", "line 3, an unknown key"},
		{"other peer", "version = 1\npeer = \"eve\"\n", `for another peer, not "bob"`},
		{"bad hex", "version = 1\npeer = \"bob\"\n[session]\nssid = \"zz\"\n", "line 4, column 9, a value that is not hex (key session.ssid)"},
		{"bad trust", "version = 1\npeer = \"bob\"\n[[known]]\nfingerprint = \"00\"\ntrust = \"maybe\"\n", "unknown trust"},
		{"wrong type", "version = \"1\"\npeer = \"bob\"\n", "line 1, column 11, a value of the wrong type (key version)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			path, _ := s.PeerPath("bob")
			if err := os.MkdirAll(s.Dir+"/peers", 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.BeginPeer("bob")
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.Path != path {
				t.Fatalf("err = %v, want a CorruptError naming %s", err, path)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q should name the file and say %q", err, tc.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, []byte(tc.content)) {
				t.Errorf("the corrupt file changed")
			}
		})
	}
}

func TestCorruptIdentityIsReported(t *testing.T) {
	tests := []struct{ name, edit, want string }{
		{"version", "version = 2", "unsupported format version 2"},
		{"tag", "instance_tag = 5", "instance_tag"},
		{"key", "x = \"1\"", "y does not match"},
		// An unquoted x is a TOML syntax error; the parser would quote the
		// character it choked on, a piece of the private key.
		{"unquoted key", "x = 9" + testKeyXForCorruption() + "zz", "line "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			data, _ := os.ReadFile(s.IdentityPath())
			key := strings.SplitN(tc.edit, " ", 2)[0]
			var out []string
			for _, line := range strings.Split(string(data), "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), key+" =") {
					line = tc.edit
				}
				out = append(out, line)
			}
			if err := os.WriteFile(s.IdentityPath(), []byte(strings.Join(out, "\n")), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.LoadIdentity()
			var ce *CorruptError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want CorruptError containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), testKey.X.Text(16)) || strings.Contains(err.Error(), "got '") {
				t.Errorf("error leaks the private key: %v", err)
			}
		})
	}
}

func TestMissingIdentity(t *testing.T) {
	dir := t.TempDir() + "/none"
	if _, err := Open(dir); !errors.Is(err, ErrNoIdentity) {
		t.Errorf("Open(missing) err = %v", err)
	}
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadIdentity(); !errors.Is(err, ErrNoIdentity) {
		t.Errorf("LoadIdentity(missing) err = %v", err)
	}
}

// testKeyXForCorruption is the test key's x in hex (set once newStore ran).
func testKeyXForCorruption() string {
	keyOnce.Do(func() {
		k, err := otr.GenerateKey(nil)
		if err != nil {
			panic(err)
		}
		testKey = k
	})
	return testKey.X.Text(16)
}
