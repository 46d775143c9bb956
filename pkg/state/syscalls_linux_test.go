package state

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// readCalls is the number of read system calls this process has made
// (/proc/self/io: syscr).
func readCalls(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/self/io")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no /proc/self/io (a kernel without task I/O accounting)")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "syscr: "); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no syscr in /proc/self/io")
	return 0
}

// TestStepReadsEachFileInTwoCalls: a step reads the identity and the peer
// file in one read each (sized by fstat) plus one that sees the end;
// io.ReadAll on an *os.File took 5 and 7 here.
func TestStepReadsEachFileInTwoCalls(t *testing.T) {
	s := newStore(t)
	p := NewPeer("bob")
	var n int
	fill(t, reflectValueOf(p), &n)
	p.Name = "bob"
	p.Known[0].Trust, p.Known[1].Trust = TrustSMP, TrustHand
	if err := s.SavePeer(p); err != nil {
		t.Fatal(err)
	}
	overhead := -readCalls(t) + readCalls(t) // what one measurement costs
	before := readCalls(t)
	tx, err := s.BeginPeer("bob")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Close(); err != nil {
		t.Fatal(err)
	}
	if got := readCalls(t) - before - overhead; got > 4 {
		t.Errorf("a step made %d read calls for two files, want at most 4", got)
	}
}

func reflectValueOf(p *Peer) reflect.Value { return reflect.ValueOf(p).Elem() }
