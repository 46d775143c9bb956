package libotrfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzReadPrivateKeys: any input either fails cleanly or yields valid keys
// that survive a write and read unchanged. Seeds: testdata/fuzz/.
func FuzzReadPrivateKeys(f *testing.F) {
	f.Add([]byte("(privkeys)"))
	f.Add([]byte(`(privkeys (account (name "a") (protocol b) (private-key (dsa (p #01#)))))`))
	f.Fuzz(func(t *testing.T, in []byte) {
		accounts, err := ReadPrivateKeys(bytes.NewReader(in))
		if err != nil {
			checkReadError(t, err)
			return
		}
		for _, a := range accounts {
			if err := a.Key.Validate(); err != nil {
				t.Fatalf("accepted an invalid key for %q: %v", a.Name, err)
			}
		}
		var out bytes.Buffer
		if err := WritePrivateKeys(&out, accounts); err != nil {
			if !errors.Is(err, ErrUnwritable) {
				t.Fatalf("write: %v", err)
			}
			return // NUL bytes in names or duplicate accounts
		}
		back, err := ReadPrivateKeys(&out)
		if err != nil || len(back) != len(accounts) {
			t.Fatalf("rereading our output: %d accounts, %v", len(back), err)
		}
		for i, a := range accounts {
			b := back[i]
			if b.Name != a.Name || b.Protocol != a.Protocol || !b.Key.Equal(&a.Key.PublicKey) || b.Key.X.Cmp(a.Key.X) != 0 {
				t.Fatalf("account %d changed in a write and read", i)
			}
		}
	})
}

// checkReadError insists on the documented error kinds.
func checkReadError(t *testing.T, err error) {
	t.Helper()
	var pe *PosError
	if !errors.Is(err, ErrTooLarge) && !errors.As(err, &pe) {
		t.Fatalf("error without a position: %v", err)
	}
}

func FuzzReadFingerprints(f *testing.F) {
	f.Add("u\ta\tp\t" + fpA + "\tverified\n")
	f.Add("u\ta\tp\t" + strings.ToUpper(fpA) + "\r\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		fps, err := ReadFingerprints(strings.NewReader(in))
		if err != nil {
			checkReadError(t, err)
			return
		}
		var out bytes.Buffer
		if err := WriteFingerprints(&out, fps); err != nil {
			if !errors.Is(err, ErrUnwritable) {
				t.Fatalf("write: %v", err)
			}
			return // a field with a NUL byte or CR
		}
		back, err := ReadFingerprints(&out)
		if err != nil || len(back) != len(fps) {
			t.Fatalf("rereading our output: %d entries, %v", len(back), err)
		}
	})
}

func FuzzReadInstanceTags(f *testing.F) {
	f.Add(instanceTagsHeader + "a\tp\t8f0becb5\n")
	f.Fuzz(func(t *testing.T, in string) {
		tags, err := ReadInstanceTags(strings.NewReader(in))
		if err != nil {
			checkReadError(t, err)
			return
		}
		var out bytes.Buffer
		if err := WriteInstanceTags(&out, tags); err != nil {
			if !errors.Is(err, ErrUnwritable) {
				t.Fatalf("write: %v", err)
			}
			return
		}
		back, err := ReadInstanceTags(&out)
		if err != nil || len(back) != len(tags) {
			t.Fatalf("rereading our output: %d tags, %v", len(back), err)
		}
	})
}
