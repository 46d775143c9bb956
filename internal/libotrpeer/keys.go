package libotrpeer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// keyMu serialises key generation inside one test process.
var keyMu sync.Mutex

// cachedKey returns a libotr key file holding a key for account/protocol,
// generating it once; the files are cached next to the helper binary so that
// tests do not pay for DSA key generation every time.
func cachedKey(t testing.TB, account, protocol string) string {
	t.Helper()
	keyMu.Lock()
	defer keyMu.Unlock()
	root, err := cacheRoot()
	if err != nil {
		t.Fatalf("libotrpeer: key cache: %v", err)
	}
	sum := sha256.Sum256([]byte(account + "\x00" + protocol))
	path := filepath.Join(root, "key-"+hex.EncodeToString(sum[:8])+".priv")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp, err := os.CreateTemp(root, "keygen-")
	if err != nil {
		t.Fatalf("libotrpeer: key cache: %v", err)
	}
	tmp.Close()
	os.Remove(tmp.Name()) // libotr writes the file itself
	KeyGen(t, tmp.Name(), account, protocol)
	if err := os.Rename(tmp.Name(), path); err != nil {
		t.Fatalf("libotrpeer: key cache: %v", err)
	}
	return path
}

// KeyGen adds a fresh libotr private key for account/protocol to the key file
// at path (otrl_privkey_generate), keeping the keys already in it.
func KeyGen(t testing.TB, path, account, protocol string) {
	t.Helper()
	runOnce(t, "keygen", path, account, protocol)
}

// ReadKeyFingerprints reads a libotr private key file and returns, for each
// key, "account/protocol" → fingerprint in libotr's human form
// ("12345678 9ABCDEF0 ...").
func ReadKeyFingerprints(t testing.TB, path string) map[string]string {
	t.Helper()
	fps := map[string]string{}
	for _, r := range runOnce(t, "fingerprints", path) {
		if r.tag == "fp" {
			fps[r.fields["name"]+"/"+r.fields["text"]] = r.fields["key"]
		}
	}
	return fps
}

// runOnce runs the helper in a one-shot mode and returns its result records.
func runOnce(t testing.TB, args ...string) []record {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(Build(t), args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	records, err := readResponse(bufio.NewReader(&stdout))
	if err != nil {
		t.Fatalf("libotrpeer: helper %s: %v (exit: %v)\nstderr:\n%s", args[0], err, runErr, stderr.String())
	}
	return records
}
