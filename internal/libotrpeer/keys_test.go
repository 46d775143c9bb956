package libotrpeer

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestKeyGenAndFingerprints(t *testing.T) {
	path := filepath.Join(t.TempDir(), "otr.private_key")
	KeyGen(t, path, "carol@example", "prpl-a")
	KeyGen(t, path, "carol@example", "prpl-b") // must keep the first key
	fps := ReadKeyFingerprints(t, path)
	human := regexp.MustCompile(`^([0-9A-F]{8} ){4}[0-9A-F]{8}$`)
	if len(fps) != 2 {
		t.Fatalf("fingerprints %v, want two keys", fps)
	}
	for name, fp := range fps {
		if !human.MatchString(fp) {
			t.Errorf("%s: fingerprint %q is not in libotr's human form", name, fp)
		}
	}
	p := Start(t, Options{Account: "carol@example", Protocol: "prpl-b", KeyFile: path})
	want := strings.ToLower(strings.ReplaceAll(fps["carol@example/prpl-b"], " ", ""))
	if got := p.Fingerprint(); got != want {
		t.Errorf("peer fingerprint %s, key file says %s", got, want)
	}
}

func TestPolicyArg(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "default", true},
		{"v2", "2", true},
		{"v2,v3", "6", true},
		{"v3, require", "12", true},
		{"v2,v3,whitespace,ws-start-ake,error-start-ake", "118", true},
		{"v1", "", false},
		{"v2,,v3", "", false},
	}
	for _, tt := range tests {
		got, err := policyArg(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("policyArg(%q) = %q, %v; want %q (ok=%v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
