package state

import (
	"os"
	"path/filepath"
	"time"
)

// HangBeforeRenameEnv names a test hook: when set to a path, a save writes
// and syncs its temp file, creates that path as a marker, and then waits
// forever instead of renaming, so a test can kill -9 the process there.
const HangBeforeRenameEnv = "OTR_STATE_TEST_HANG_BEFORE_RENAME"

// beforeRename, when set (by tests), runs between write and rename.
var beforeRename = hangIfAsked

func hangIfAsked(tmp string) {
	marker := os.Getenv(HangBeforeRenameEnv)
	if marker == "" {
		return
	}
	// Written aside and renamed, so that a test seeing the marker can read
	// the whole temp path from it.
	_ = os.WriteFile(marker+".part", []byte(tmp), fileMode)
	_ = os.Rename(marker+".part", marker)
	for { // a sleeping loop, not select{}, which the runtime reports as deadlock
		time.Sleep(time.Hour)
	}
}

// writeFileAtomic replaces path with data so that a crash at any moment
// leaves either the old or the new content: temp file in the same
// directory, write, fsync, rename (see replaceFile), fsync of the directory.
func writeFileAtomic(path string, data []byte) error {
	dir, tmp := filepath.Dir(path), tempPath(path)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fileMode)
	if err != nil {
		return err
	}
	if err := writeAndSync(f, data); err != nil {
		os.Remove(tmp)
		return err
	}
	beforeRename(tmp)
	if err := replaceFile(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// tempPath is where a save of path is written before the rename: one fixed
// name per file. Every writer holds the file's lock, so no two saves share
// it, and a save killed midway leaves at most this one file, which the next
// save overwrites. (Random names would pile up after kills, each holding
// old session keys that forward secrecy wants gone.) Between saves it may
// exist, empty (see replaceFile).
func tempPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
}

func writeAndSync(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(fileMode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
