package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSMP(t *testing.T) {
	tests := []struct {
		name, secretA, secretB, question string
		want                             string // final event on both sides
	}{
		{"same secret", "our first pet", "our first pet", "", "smp_succeeded"},
		{"with a question", "Rex the 2nd", "Rex the 2nd", "Name of our\tfirst \"pet\" — ünïcødé?", "smp_succeeded"},
		{"different secrets", "cat", "dog", "pet?", "smp_failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			alice, bob := pair(t)
			handshake(t, alice, bob)
			args := []string{"smp", "start", "--peer", "bob"}
			if tc.question != "" {
				args = append(args, "--question", tc.question)
			}
			start := alice.must(tc.secretA+"\n", args...)
			r := bob.recv(start.stdout)
			req := r.event("smp_request")
			if req == nil {
				t.Fatalf("bob saw %v, want smp_request", r.kinds())
			}
			if q, has := req["question"]; (tc.question != "") != has || (has && q != tc.question) {
				t.Errorf("smp_request %v, want question %q", req, tc.question)
			}
			secretFile := filepath.Join(t.TempDir(), "secret")
			if err := os.WriteFile(secretFile, []byte(tc.secretB+"\nignored second line\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			answer := bob.must("", "smp", "answer", "--peer", "alice", "--secret-file", secretFile)
			results := exchange(t, alice, bob, answer.stdout)
			aliceSaw, bobSaw := eventsOf(results, 0), eventsOf(results, 1)
			if !contains(aliceSaw, tc.want) || !contains(bobSaw, tc.want) {
				t.Fatalf("alice saw %v, bob saw %v; want %s on both", aliceSaw, bobSaw, tc.want)
			}
			wantTrust := map[string]string{"smp_succeeded": "smp", "smp_failed": "unverified"}[tc.want]
			for _, p := range []*party{alice, bob} {
				wantTrust := wantTrust
				if p == bob && tc.question != "" {
					// bob answered alice's question: as in libotr, that
					// verifies bob to alice, not alice to bob.
					wantTrust = "unverified"
				}
				trust := p.must("", "trust", "--peer", p.peer).stdout
				if !strings.Contains(trust, wantTrust) {
					t.Errorf("%s's trust list %q should say %s", p.peer, trust, wantTrust)
				}
				for _, secret := range []string{tc.secretA, tc.secretB} {
					if data := readFile(t, p.peerFile()); strings.Contains(string(data), secret) {
						t.Errorf("the secret %q is stored in clear in %s", secret, p.peerFile())
					}
				}
			}
			// A later session reports the verified fingerprint as trusted.
			alice.must("", "close", "--peer", "bob")
			bob.must("", "close", "--peer", "alice")
			s1, _ := handshake(t, alice, bob)
			if s1["trusted"] != (tc.want == "smp_succeeded") {
				t.Errorf("secure event after SMP %s: trusted = %v", tc.want, s1["trusted"])
			}
		})
	}
}

func TestSMPAbort(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	start := alice.must("secret\n", "smp", "start", "--peer", "bob")
	bob.recv(start.stdout)
	abort := bob.must("", "smp", "abort", "--peer", "alice")
	r := alice.recv(abort.stdout)
	if r.event("smp_aborted") == nil {
		t.Fatalf("alice saw %v, want smp_aborted", r.kinds())
	}
	// Afterwards a new SMP run works.
	start = alice.must("again\n", "smp", "start", "--peer", "bob")
	if bob.recv(start.stdout).event("smp_request") == nil {
		t.Fatal("no smp_request after an abort")
	}
}

func TestSMPNeedsSecretOnStdinNotArgv(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	before := readFile(t, alice.peerFile())
	r := alice.otr("", "smp", "start", "--peer", "bob")
	if r.code != exitFailure || !strings.Contains(r.stderr, "secret is empty") || !strings.Contains(r.stderr, "otr: hint:") {
		t.Errorf("empty secret: exit %d, stderr %q", r.code, r.stderr)
	}
	if string(readFile(t, alice.peerFile())) != string(before) {
		t.Error("a refused smp start changed the state")
	}
}

func eventsOf(results []result, parity int) []string {
	var out []string
	for i, r := range results {
		if i%2 == parity {
			out = append(out, r.kinds()...)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
