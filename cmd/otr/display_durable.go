package main

import (
	"errors"
	"fmt"
	"os"
)

// written tracks what a step showed, so that the step saves only once
// its display is out for good: a message whose showing failed, or could
// still be lost by a power cut after the save, would be lost for good
// (given again, its line is a replay).
type written struct {
	pending  bool  // something was written since the last sync
	failed   error // the first write that failed
	syncable int8  // 0 unknown, 1 a regular file (synced), -1 anything else
}

func (w *written) note(err error) {
	w.pending = true
	if err != nil && w.failed == nil {
		w.failed = err
	}
}

// errDisplay is what a step whose display failed Is.
var errDisplay = errors.New("the display stream cannot be written")

// failure is the error of a display write that failed, if any.
func (d *display) failure() error {
	if d.failed == nil {
		return nil
	}
	return withHint(fmt.Errorf("%w (%w): the step was not saved", errDisplay, d.failed),
		"give the same lines again once the display stream works: nothing was lost")
}

// sync makes what the display wrote durable when it is a regular file: the
// state's save is synced, so the display must not be lost where the save
// survives a power cut. Pipes and terminals need nothing (whoever reads
// them dies with the power too), nor does a step that showed nothing.
func (d *display) sync() error {
	if !d.pending {
		return nil
	}
	d.pending = false
	f, ok := d.w.(*os.File)
	if !ok {
		return nil
	}
	if d.syncable == 0 {
		d.syncable = -1
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			d.syncable = 1
		}
	}
	if d.syncable < 0 {
		return nil
	}
	if err := f.Sync(); err != nil {
		d.failed = err
		return d.failure()
	}
	return nil
}
