package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

// TestDisplaySync: a display that is a regular file is synced after a step
// showed something; a pipe is not (it cannot be); a failed write is the
// step's error.
func TestDisplaySync(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "display"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ev := []shown{{Event: otr.Event{Kind: otr.EventMessage, Text: "hi"}, Peer: "bob"}}
	for _, tc := range []struct {
		file *os.File
		want int8
	}{{f, 1}, {w, -1}} {
		d := &display{w: tc.file}
		if err := d.sync(); err != nil || d.syncable != 0 {
			t.Fatalf("a step that showed nothing: %v, syncable %d", err, d.syncable)
		}
		d.show(ev)
		if err := d.failure(); err != nil {
			t.Fatal(err)
		}
		if err := d.sync(); err != nil || d.syncable != tc.want {
			t.Fatalf("%s: %v, syncable %d, want %d", tc.file.Name(), err, d.syncable, tc.want)
		}
	}
	r.Close()
	d := &display{w: w}
	d.show(ev)
	if err := d.failure(); !errors.Is(err, errDisplay) || !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("writing to a pipe nobody reads: %v", err)
	}
}
