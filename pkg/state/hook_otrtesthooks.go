//go:build otrtesthooks

package state

import (
	"os"
	"time"
)

func init() { beforeRename = hangIfAsked }

func hangIfAsked(tmp string) {
	marker := os.Getenv(HangBeforeRenameEnv)
	if marker == "" {
		return
	}
	hangAt(marker, tmp)
}

// hangAt writes tmp into marker (aside, then renamed, so that a test
// seeing the marker reads the whole path) and sleeps forever.
func hangAt(marker, tmp string) {
	_ = os.WriteFile(marker+".part", []byte(tmp), fileMode)
	_ = os.Rename(marker+".part", marker)
	for { // a sleeping loop, not select{}, which the runtime reports as deadlock
		time.Sleep(time.Hour)
	}
}
