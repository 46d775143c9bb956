package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/otrtool/otr/internal/cliutil"
	"github.com/otrtool/otr/internal/irc"
)

// Errors of the IRC bridge, for errors.Is.
var (
	errIRCNickInUse = errors.New("nickname in use")
	errIRCClosed    = errors.New("the IRC server closed the connection")
	errIRCTimeout   = errors.New("the IRC server stopped answering")
)

// ircTiming holds the bridge's clocks; tests shorten them.
type ircTiming struct {
	register  time.Duration // the server must welcome us within this
	keepalive time.Duration // PING the server after this much silence
	quitWait  time.Duration // after QUIT, wait this long for the server to close
	burst     int           // PRIVMSGs sent at once ...
	interval  time.Duration // ... then one per interval (servers drop flooders)
}

var defaultIRCTiming = ircTiming{
	register: 60 * time.Second, keepalive: 120 * time.Second, quitWait: 5 * time.Second,
	burst: 5, interval: 500 * time.Millisecond,
}

// ircBridge carries one private conversation over IRC: stdin lines go to
// the peer as PRIVMSGs, the peer's PRIVMSGs come out on stdout, everything
// else the server says is chatter on the log (stderr).
type ircBridge struct {
	server, nick, peer, user, realname string
	conn                               io.ReadWriteCloser
	in                                 io.Reader
	out, log                           io.Writer
	timing                             ircTiming

	registered bool
	userhost   string   // "user@host" as the server shows us to others, once known
	pending    []string // stdin lines that came before the server welcomed us
	quitting   bool
	outErr     error       // stdout failed: the chat behind it is gone
	send       chan string // raw lines to the writer
	writeErr   chan error
}

// serverLine is one line read from the server, or the reason reading stopped.
type serverLine struct {
	text    string
	tooLong bool
	err     error
}

// run registers, then relays until stdin ends (QUIT), the server closes,
// or ctx is done (QUIT too).
func (b *ircBridge) run(ctx context.Context) error {
	stop := make(chan struct{})
	defer close(stop)
	fromServer := make(chan serverLine)
	go readServer(b.conn, fromServer, stop)
	fromUser := make(chan serverLine)
	go readUser(b.in, fromUser, stop)
	b.send, b.writeErr = make(chan string, 64), make(chan error, 1)
	go b.writer()
	defer close(b.send)

	b.raw("NICK " + b.nick)
	b.raw("USER " + b.user + " 0 * :" + b.realname)
	return b.loop(ctx, fromServer, fromUser)
}

func (b *ircBridge) loop(ctx context.Context, fromServer, fromUser <-chan serverLine) error {
	deadline := time.NewTimer(b.timing.register)
	defer deadline.Stop()
	idle := time.NewTimer(b.timing.keepalive)
	defer idle.Stop()
	pinged := false
	done := ctx.Done()
	for {
		select {
		case l := <-fromServer:
			if l.err != nil {
				return b.closed(l.err)
			}
			resetTimer(idle, b.timing.keepalive)
			pinged = false
			if err := b.handleServer(l); err != nil {
				return err
			}
			if b.outErr != nil {
				b.quit(deadline)
			}
			if b.registered && !b.quitting {
				deadline.Stop()
			}
		case l := <-fromUser:
			if l.err != nil {
				fromUser = nil
				b.quit(deadline)
				continue
			}
			b.handleUser(l)
		case <-done:
			done = nil
			b.quit(deadline)
		case err := <-b.writeErr:
			return fmt.Errorf("writing to the IRC server: %w", err)
		case <-idle.C:
			if pinged {
				return errIRCTimeout
			}
			b.raw("PING :otr")
			pinged = true
			resetTimer(idle, b.timing.keepalive)
		case <-deadline.C:
			if b.quitting {
				return b.outErr
			}
			return fmt.Errorf("%w: no welcome from %s within %v", errIRCTimeout, b.server, b.timing.register)
		}
	}
}

// quit says goodbye and gives the server a moment to close the link.
func (b *ircBridge) quit(deadline *time.Timer) {
	if b.quitting {
		return
	}
	b.quitting = true
	b.raw("QUIT")
	resetTimer(deadline, b.timing.quitWait)
}

// closed explains why the server's side ended.
func (b *ircBridge) closed(err error) error {
	if b.quitting {
		return b.outErr
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w (%s)", errIRCClosed, b.server)
	}
	return fmt.Errorf("%w (%s): %w", errIRCClosed, b.server, err)
}

func resetTimer(t *time.Timer, d time.Duration) {
	t.Stop()
	t.Reset(d)
}

// raw queues one line for the server.
func (b *ircBridge) raw(line string) { b.send <- line }

// writer sends queued lines in order, pacing PRIVMSGs: a burst, then one
// per interval, as servers disconnect clients that flood them.
func (b *ircBridge) writer() {
	tokens := b.timing.burst
	last := time.Now()
	w := bufio.NewWriter(b.conn)
	for line := range b.send {
		if len(line) > 8 && line[:8] == "PRIVMSG " {
			tokens += int(time.Since(last) / b.timing.interval)
			tokens = min(tokens, b.timing.burst)
			if tokens == 0 {
				time.Sleep(b.timing.interval - time.Since(last)%b.timing.interval)
				tokens = 1
			}
			tokens--
			last = time.Now()
		}
		w.WriteString(line + "\r\n")
		if err := w.Flush(); err != nil {
			select {
			case b.writeErr <- err:
			default:
			}
		}
	}
}

// readServer reads the server's lines (IRCv3 allows 8191 bytes of tags
// before the 512 of the message) until an error, which it sends last.
func readServer(r io.Reader, to chan<- serverLine, stop <-chan struct{}) {
	readLines(r, 8191+irc.MaxLine, to, stop)
}

// readUser reads stdin's lines; any error ends them like EOF.
func readUser(r io.Reader, to chan<- serverLine, stop <-chan struct{}) {
	readLines(r, 64<<10, to, stop)
}

func readLines(r io.Reader, max int, to chan<- serverLine, stop <-chan struct{}) {
	lr := cliutil.NewLineReader(r, 4096, max)
	for {
		text, err := lr.Next()
		tooLong := errors.Is(err, cliutil.ErrLineTooLong)
		if tooLong {
			err = nil
		}
		select {
		case to <- serverLine{text, tooLong, err}:
		case <-stop:
			return
		}
		if err != nil {
			return
		}
	}
}
