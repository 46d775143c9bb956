package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoNetworkingLinked: the otr command links neither net nor
// crypto/tls (the IRC bridge is cmd/otr-irc-bridge), nor anything that
// needs cgo, so that it is a small static binary that starts fast.
func TestNoNetworkingLinked(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/otrtool/otr/cmd/otr").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net", "crypto/tls", "net/http", "os/user", "runtime/cgo":
			t.Errorf("cmd/otr depends on %s", pkg)
		}
	}
}
