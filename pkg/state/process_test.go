package state

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// The test binary doubles as a helper process: with helperEnv set,
// TestHelperProcess performs one action on a store and exits.
const helperEnv = "OTR_STATE_HELPER"

func TestHelperProcess(t *testing.T) {
	action := os.Getenv(helperEnv)
	if action == "" {
		return // not a helper run: nothing to check here
	}
	s := &Store{Dir: os.Getenv("OTR_STATE_DIR")}
	if marker := os.Getenv(HangBeforeRenameEnv); marker != "" {
		// What the otrtesthooks build does; the test binary is built
		// without the tag.
		beforeRename = func(tmp string) { hangForTest(marker, tmp) }
	}
	var err error
	switch action {
	case "increment":
		n, _ := strconv.Atoi(os.Getenv("OTR_STATE_COUNT"))
		for i := 0; i < n && err == nil; i++ {
			err = increment(s, "shared peer")
		}
	case "save":
		err = increment(s, "shared peer")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// hangForTest writes tmp into marker (aside, then renamed) and sleeps.
func hangForTest(marker, tmp string) {
	_ = os.WriteFile(marker+".part", []byte(tmp), fileMode)
	_ = os.Rename(marker+".part", marker)
	for {
		time.Sleep(time.Hour)
	}
}

// increment is one locked load-modify-save step; an update lost to a race
// shows up as a missing count.
func increment(s *Store, name string) error {
	tx, err := s.BeginPeer(name)
	if err != nil {
		return err
	}
	defer tx.Close()
	tx.Peer.Session.Keys.OurKeyID++
	return tx.Save()
}

func helper(t *testing.T, s *Store, action string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+action, "OTR_STATE_DIR="+s.Dir)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	return cmd
}
