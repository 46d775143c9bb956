package state

import (
	"errors"
	"strings"
	"testing"
)

func TestFileNameRoundTripsAndIsSafe(t *testing.T) {
	names := []string{
		"alice", "bob@example.org", "bob@example.org/home pc", "..", ".hidden",
		"a%b", "Ünïcødé 名前", "tab\there", "new\nline", "x.y.z", strings.Repeat("z", 200),
	}
	seen := map[string]string{}
	for _, n := range names {
		f, err := fileName(n)
		if err != nil {
			t.Fatalf("fileName(%q): %v", n, err)
		}
		if strings.ContainsAny(f, "/\\ \t\n\x00") || strings.HasPrefix(f, ".") {
			t.Errorf("fileName(%q) = %q is not a safe file name", n, f)
		}
		if other, dup := seen[f]; dup {
			t.Errorf("%q and %q both map to %q", n, other, f)
		}
		seen[f] = n
		back, err := peerName(f)
		if err != nil || back != n {
			t.Errorf("peerName(%q) = %q, %v; want %q", f, back, err, n)
		}
	}
}

func TestFileNameRejects(t *testing.T) {
	for _, n := range []string{"", strings.Repeat("/", 100)} {
		if _, err := fileName(n); !errors.Is(err, ErrPeerName) {
			t.Errorf("fileName(%q): err %v, want ErrPeerName", n, err)
		}
	}
}

func TestPeerNameRejectsBadEscapes(t *testing.T) {
	for _, f := range []string{"a%", "a%4", "a%zz"} {
		if _, err := peerName(f); !errors.Is(err, ErrPeerName) {
			t.Errorf("peerName(%q): err %v, want ErrPeerName", f, err)
		}
	}
}
