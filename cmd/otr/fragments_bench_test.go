package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRecvFragments: one recv of a message in fragments of 200, for a
// message and one twice as long. With linear reassembly the second costs
// about twice the first (it was quadratic: each piece rewrote and synced
// the growing buffer).
func BenchmarkRecvFragments(b *testing.B) {
	for _, size := range []int{50000, 100000} {
		b.Run(fmt.Sprintf("chars=%d", size), func(b *testing.B) {
			dir, input, restore := fragmentFixture(b, size)
			b.ResetTimer() // (it also clears metrics: report after it)
			b.ReportMetric(float64(strings.Count(input, "\n")), "pieces")
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				restore()
				b.StartTimer()
				var errb bytes.Buffer
				cmd := exec.Command(binPath, "--state", dir, "recv", "--peer", "alice")
				cmd.Stdin, cmd.Stderr = strings.NewReader(input), &errb
				if err := cmd.Run(); err != nil || !strings.Contains(errb.String(), "word1 word2") {
					b.Fatalf("recv: %v\n%.300s", err, errb.String())
				}
			}
		})
	}
}

// fragmentFixture makes two identities with a session, alice's message of
// size characters in fragments of 200 for bob, and a function that puts
// bob's files back as they were before it.
func fragmentFixture(b *testing.B, size int) (bobDir, input string, restore func()) {
	binPath := cliBinary(b)
	run := func(dir, stdin string, args ...string) string {
		cmd := exec.Command(binPath, append([]string{"--state", dir}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			b.Fatalf("otr %q: %v\n%s", args, err, errb.String())
		}
		return out.String()
	}
	aliceDir, bobDir := filepath.Join(b.TempDir(), "a"), filepath.Join(b.TempDir(), "b")
	run(aliceDir, "", "keygen")
	run(bobDir, "", "keygen")
	lines := run(aliceDir, "", "query", "--peer", "bob")
	dirs, peers := [2]string{bobDir, aliceDir}, [2]string{"alice", "bob"}
	for i := 0; lines != "" && i < 10; i++ {
		lines = run(dirs[i%2], lines, "recv", "--peer", peers[i%2])
	}
	var text strings.Builder
	for i := 0; text.Len() < size; i++ {
		fmt.Fprintf(&text, "word%d ", i)
	}
	input = run(aliceDir, text.String()[:size]+"\n", "send", "--peer", "bob", "--fragment-size", "200")
	peerFile := filepath.Join(bobDir, "peers", "alice.toml")
	saved, err := os.ReadFile(peerFile)
	if err != nil {
		b.Fatal(err)
	}
	return bobDir, input, func() {
		if err := os.WriteFile(peerFile, saved, 0o600); err != nil {
			b.Fatal(err)
		}
		os.Remove(filepath.Join(bobDir, "peers", "alice.frag"))
	}
}
