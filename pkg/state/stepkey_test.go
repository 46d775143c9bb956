package state

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

// TestStepSkipsTheExponentiationButNeverSignsWithADamagedKey: a step
// (BeginPeer) loads the key without computing g^x, LoadIdentity still
// checks it whole, and a damaged key is refused before it signs.
func TestStepSkipsTheExponentiationButNeverSignsWithADamagedKey(t *testing.T) {
	s := newStore(t)
	data, _ := os.ReadFile(s.IdentityPath())
	x := testKey.X.Text(16)
	damaged := strings.Replace(string(data), `x = "`+x+`"`, `x = "`+x[:len(x)-1]+`"`, 1)
	if damaged == string(data) {
		t.Fatal("no x to damage")
	}
	if err := os.WriteFile(s.IdentityPath(), []byte(damaged), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadIdentity(); !strings.Contains(fmtErr(err), "y does not match") {
		t.Errorf("LoadIdentity: err = %v, want the full check to refuse it", err)
	}
	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatalf("BeginPeer: %v", err)
	}
	defer tx.Close()
	key, err := tx.Identity.PrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := key.Sign(nil, make([]byte, 32)); !errors.Is(err, otr.ErrInvalidKey) {
		t.Errorf("Sign with a damaged key: err = %v, want ErrInvalidKey", err)
	}
}

func TestStepRefusesKeysOutOfRange(t *testing.T) {
	for _, edit := range []string{`x = "0"`, `y = "1"`, `g = "1"`, `q = "ff"`} {
		s := newStore(t)
		data, _ := os.ReadFile(s.IdentityPath())
		var out []string
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), edit[:4]) {
				line = edit
			}
			out = append(out, line)
		}
		if err := os.WriteFile(s.IdentityPath(), []byte(strings.Join(out, "\n")), 0o600); err != nil {
			t.Fatal(err)
		}
		var ce *CorruptError
		if _, err := s.BeginPeer("bob"); !errors.As(err, &ce) {
			t.Errorf("%s: err = %v, want a CorruptError", edit, err)
		}
	}
}

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
