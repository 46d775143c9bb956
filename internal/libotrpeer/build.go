package libotrpeer

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

//go:embed csrc/helper.c
var helperSource []byte

// probeSource checks that libotr's headers and library are installed.
const probeSource = "#include <libotr/proto.h>\nint main(void) { return otrl_init(4, 1, 1) != 0; }\n"

// built remembers the outcome of the one build per test process.
var built struct {
	sync.Mutex
	path    string
	missing error // libotr or the compiler is not installed
}

// Build compiles helper.c (once per process; the binary is cached on disk by
// source hash) and returns its path. Without libotr or cc it skips the test,
// or fails it when OTR_REQUIRE_LIBOTR=1.
func Build(t testing.TB) string {
	t.Helper()
	built.Lock()
	defer built.Unlock()
	if built.path != "" {
		return built.path
	}
	if built.missing != nil {
		unavailable(t, built.missing)
	}
	path, missing, err := buildHelper()
	if missing != nil {
		built.missing = missing
		unavailable(t, missing)
	}
	if err != nil {
		t.Fatalf("libotrpeer: building the libotr helper: %v", err)
	}
	built.path = path
	return path
}

func unavailable(t testing.TB, why error) {
	t.Helper()
	if os.Getenv("OTR_REQUIRE_LIBOTR") == "1" {
		t.Fatalf("libotrpeer: libotr 4.1 test peer required (OTR_REQUIRE_LIBOTR=1) but unavailable: %v", why)
	}
	t.Skipf("libotrpeer: libotr test peer unavailable (install libotr5-dev and a C compiler): %v", why)
}

// cacheRoot is where the binary and generated test keys live.
func cacheRoot() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "otrtool-libotrpeer")
	return dir, os.MkdirAll(dir, 0o700)
}

// compileFlags are the link flags for libotr, from pkg-config when it knows them.
func compileFlags() []string {
	flags := []string{"-lotr"}
	if out, err := exec.Command("pkg-config", "--cflags", "--libs", "libotr").Output(); err == nil {
		flags = strings.Fields(string(out))
	}
	return append(flags, "-lgcrypt")
}

// buildHelper returns the cached binary or compiles it; missing is set when
// the toolchain or libotr is absent, err when helper.c itself failed.
func buildHelper() (path string, missing, err error) {
	cc, lookErr := exec.LookPath("cc")
	if lookErr != nil {
		return "", lookErr, nil
	}
	root, err := cacheRoot()
	if err != nil {
		return "", nil, err
	}
	flags := compileFlags()
	sum := sha256.Sum256([]byte(string(helperSource) + "\x00" + strings.Join(flags, " ") + "\x00" + runtime.GOARCH))
	path = filepath.Join(root, "helper-"+hex.EncodeToString(sum[:8]))
	if _, statErr := os.Stat(path); statErr == nil {
		return path, nil, nil
	}
	if err := compile(cc, root, probeSource, flags, ""); err != nil {
		return "", fmt.Errorf("libotr headers or library not found: %w", err), nil
	}
	return path, nil, compile(cc, root, string(helperSource), append([]string{"-Wall", "-Werror", "-O2"}, flags...), path)
}

// compile builds source into dest (atomically, for concurrent test binaries),
// or only checks that it builds when dest is "".
func compile(cc, dir, source string, flags []string, dest string) error {
	work, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	src, bin := filepath.Join(work, "helper.c"), filepath.Join(work, "helper")
	if err := os.WriteFile(src, []byte(source), 0o600); err != nil {
		return err
	}
	args := append([]string{"-o", bin, src}, flags...)
	if out, err := exec.Command(cc, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("cc %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if dest == "" {
		return nil
	}
	return os.Rename(bin, dest)
}
