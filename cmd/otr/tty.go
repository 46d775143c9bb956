package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"
	"golang.org/x/sys/unix"
)

// terminalFd is r's descriptor when r is a terminal.
func terminalFd(r io.Reader) (int, bool) {
	f, ok := r.(*os.File)
	if !ok {
		return 0, false
	}
	fd := int(f.Fd())
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return fd, err == nil
}

// tellIfTerminal says on stderr what a command waits for, when a person
// types its input (a pipe needs no such line).
func tellIfTerminal(c *cli.Context, format string, a ...any) {
	if _, ok := terminalFd(c.App.Reader); ok {
		fmt.Fprintf(c.App.ErrWriter, "otr: "+format+"\n", a...)
	}
}

// readHidden reads one line from the terminal fd with echo off, after a
// prompt on stderr; the terminal is restored even when a signal ends the
// command during the read.
func readHidden(c *cli.Context, fd int, prompt string) (string, error) {
	saved, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return "", err
	}
	quiet := *saved
	quiet.Lflag &^= unix.ECHO
	quiet.Lflag |= unix.ECHONL | unix.ICANON
	fmt.Fprint(c.App.ErrWriter, prompt)
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &quiet); err != nil {
		return "", err
	}
	restore := func() { _ = unix.IoctlSetTermios(fd, unix.TCSETS, saved) }
	stop := restoreOnSignal(restore)
	defer stop()
	defer restore()
	line, err := bufio.NewReader(c.App.Reader).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	if err == io.EOF {
		fmt.Fprintln(c.App.ErrWriter) // Ctrl-D: end the prompt's line
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// restoreOnSignal restores the terminal and exits as the signal would
// have, should one arrive while echo is off. stop ends the watch.
func restoreOnSignal(restore func()) (stop func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, stopSignals...)
	go func() {
		select {
		case sig := <-ch:
			restore()
			fmt.Fprintln(os.Stderr)
			os.Exit(128 + int(sig.(syscall.Signal)))
		case <-done:
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// hiddenSecret asks for the SMP secret on the terminal, echo off.
func hiddenSecret(c *cli.Context, fd int) ([]byte, error) {
	line, err := readHidden(c, fd, fmt.Sprintf("otr: SMP secret for %s (not shown; Enter ends it): ", escapeText(c.String("peer"))))
	if err != nil {
		return nil, err
	}
	return checkSecret(line)
}
