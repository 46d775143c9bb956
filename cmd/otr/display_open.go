package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// errDisplayNotPrivate: --display names a regular file that others may read.
var errDisplayNotPrivate = errors.New("the --display file is readable or writable by group or others")

// errDisplayNotOurs: --display names a file or FIFO another user owns; its
// owner can read whatever goes in, whatever its mode.
var errDisplayNotOurs = errors.New("the --display file belongs to another user")

// openDisplayFile opens --display PATH for the decrypted messages it will
// hold. A descriptor the caller redirected (/dev/fd/N, /proc/self/fd/N,
// /dev/stdout, /dev/stderr) is used as it is, like stderr. Any other path
// is opened without following a symbolic link (a planted or dangling link
// could send the messages anywhere) and created private (0600); an
// existing regular file that group or others may access is refused.
func openDisplayFile(path string) (*os.File, error) {
	if fd, ok := inheritedFD(path); ok {
		return dupFD(fd, path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
	if errors.Is(err, unix.ELOOP) {
		return nil, withHint(fmt.Errorf("--display %s is a symbolic link: not followed", quoteArg(path)),
			"give the file itself, not a link to it (or /dev/fd/N after N>file)")
	}
	if err != nil {
		return nil, withHint(err, "--display takes a writable file, e.g. /dev/fd/3 after 3>file")
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := checkDisplayOwner(info, path); err != nil {
		f.Close()
		return nil, err
	}
	if info.Mode().IsRegular() && info.Mode().Perm()&0o077 != 0 {
		f.Close()
		return nil, withHint(fmt.Errorf("%w: %s has mode %04o", errDisplayNotPrivate, quoteArg(path), info.Mode().Perm()),
			"it will hold decrypted messages: chmod 600 %s, or name a new file (otr creates it private)", quoteArg(path))
	}
	return f, nil
}

// checkDisplayOwner refuses a regular file or a FIFO that another user
// owns (planted in /tmp, say): its owner reads the messages, 0600 or not.
// Devices (a terminal, /dev/null) are not checked.
func checkDisplayOwner(info fs.FileInfo, path string) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	kind := info.Mode().Type()
	if !ok || !(info.Mode().IsRegular() || kind == fs.ModeNamedPipe) || int(st.Uid) == os.Geteuid() {
		return nil
	}
	return withHint(fmt.Errorf("%w: %s belongs to uid %d", errDisplayNotOurs, quoteArg(path), st.Uid),
		"it will hold decrypted messages: name a new file (otr creates it private), or /dev/fd/N after N>file")
}

// inheritedFD recognises the names of an inherited file descriptor.
func inheritedFD(path string) (int, bool) {
	switch path {
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	for _, prefix := range []string{"/dev/fd/", "/proc/self/fd/"} {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			if n, err := strconv.Atoi(rest); err == nil && n >= 0 && strconv.Itoa(n) == rest {
				return n, true
			}
		}
	}
	return 0, false
}

// dupFD returns a new descriptor for fd, closed with the display.
func dupFD(fd int, path string) (*os.File, error) {
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	if err == nil && flags&unix.O_ACCMODE == unix.O_RDONLY {
		err = unix.EBADF // open, but not for writing
	}
	nfd := -1
	if err == nil {
		nfd, err = unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	}
	if err != nil {
		return nil, withHint(&fs.PathError{Op: "open", Path: path, Err: err},
			"--display %s needs that descriptor open for writing, e.g. 3>file", quoteArg(path))
	}
	return os.NewFile(uintptr(nfd), path), nil
}
