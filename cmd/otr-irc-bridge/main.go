// Command otr-irc-bridge carries OTR wire lines between stdin/stdout and
// one IRC nick's private messages: the transport of scripts/irc.sh. It is
// a command of its own so that the otr command links no networking code.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/otrtool/otr/internal/cliutil"
	"github.com/otrtool/otr/internal/irc"
	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp()
	app.Reader, app.Writer, app.ErrWriter = stdin, stdout, stderr
	err := app.Run(args)
	if err == nil {
		return cliutil.ExitOK
	}
	hint := ""
	var h *cliutil.Hinted
	var u *cliutil.UsageError
	switch {
	case errors.As(err, &h):
		hint = h.Hint
	case errors.As(err, &u):
		hint = "see: otr-irc-bridge --help"
	}
	cliutil.Report(stderr, "otr-irc-bridge", err.Error(), hint)
	return cliutil.ExitCode(err)
}

func newApp() *cli.App {
	return &cli.App{
		Name:            "otr-irc-bridge",
		HideHelpCommand: true,
		Version:         version,
		Usage:           "carry wire lines to one IRC nick and back (the transport of scripts/irc.sh)",
		UsageText:       "otr-irc-bridge [--tls] [--user NAME] [--realname TEXT] [--burst N] [--interval DURATION] SERVER PORT NICK PEER_NICK",
		Description: `Connects to an IRC server, registers NICK and joins nothing. Each stdin
line goes to PEER_NICK as one private message (PRIVMSG); the text of
PEER_NICK's private messages to us comes out on stdout, one per line,
ready for "otr recv". A CTCP ACTION (/me) comes out as "/me TEXT", as
irssi-otr writes actions inside OTR. IRC formatting codes are stripped.
Everything else the server says (errors, notices, other nicks' messages)
is shown on stderr as lines starting with "irc: ", escaped. It answers
PING, paces its messages so servers do not take them for a flood
(--burst, --interval; a long message or an SMP step is many fragments), and
sends QUIT when stdin ends or on SIGTERM, SIGINT or SIGHUP (these two
only when not ignored: the chat ignores SIGINT, so Ctrl-C is a key there).

A line that would not fit in IRC's 512-byte line once the server puts
":NICK!USER@HOST PRIVMSG PEER_NICK :" in front of it is not sent (it is
reported on stderr): have otr fragment with --fragment-size irc. The
bridge asks the server how it shows us (USERHOST) to know that prefix;
until then it assumes the longest user@host allowed.

Exit status: 0 after a clean QUIT; 1 when the nickname is refused, the
server reports an error or closes the connection, or it stops answering.

Examples:
   otr-irc-bridge --tls irc.example.net 6697 alice bob
   scripts/irc.sh irc.example.net 6667 alice bob    # a whole OTR chat`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "tls", Usage: "connect with TLS (usually port 6697)"},
			&cli.StringFlag{Name: "user", Value: "otr", Usage: "the `NAME` sent in USER (the server may show it as ~NAME)"},
			&cli.StringFlag{Name: "realname", Value: "otr", Usage: "the real name `TEXT` sent in USER (anyone can see it)"},
			&cli.IntFlag{Name: "burst", Value: defaultIRCTiming.burst, Usage: "send up to `N` messages at once ..."},
			&cli.DurationFlag{Name: "interval", Value: defaultIRCTiming.interval, Usage: "... then one per `DURATION` (servers disconnect flooders)"},
		},
		Action:         ircBridgeAction,
		OnUsageError:   func(_ *cli.Context, err error, _ bool) error { return cliutil.Usagef("%v", err) },
		ExitErrHandler: func(*cli.Context, error) {}, // run prints errors and exits
	}
}

func ircBridgeAction(c *cli.Context) error {
	if c.NArg() != 4 {
		return cliutil.Usagef("otr-irc-bridge wants SERVER PORT NICK PEER_NICK (got %d arguments)", c.NArg())
	}
	server, port, nick, peer := c.Args().Get(0), c.Args().Get(1), c.Args().Get(2), c.Args().Get(3)
	if p, err := strconv.Atoi(port); err != nil || p <= 0 || p > 65535 {
		return cliutil.Usagef("PORT %q is not a port number", port)
	}
	for _, n := range []string{nick, peer} {
		if !irc.ValidNick(n) {
			return cliutil.Usagef("%q is not an IRC nickname", n)
		}
	}
	user, realname := c.String("user"), c.String("realname")
	if !irc.ValidNick(user) || realname == "" || !validLine(realname) {
		return cliutil.Usagef("--user must be one word and --realname one line")
	}
	timing := defaultIRCTiming
	timing.burst, timing.interval = c.Int("burst"), c.Duration("interval")
	if timing.burst < 1 || timing.interval <= 0 {
		return cliutil.Usagef("--burst must be at least 1 and --interval positive")
	}
	conn, err := dialIRC(c.Context, server, port, c.Bool("tls"))
	var untrusted *tls.CertificateVerificationError
	if errors.As(err, &untrusted) {
		return cliutil.WithHint(err, "the server's certificate is not one this system trusts for %s: check SERVER; a private CA can be added with SSL_CERT_FILE or SSL_CERT_DIR", server)
	}
	if err != nil {
		return cliutil.WithHint(err, "check SERVER and PORT (with --tls for a TLS port such as 6697)")
	}
	defer conn.Close()
	ctx, stop := signal.NotifyContext(c.Context, quitSignals()...)
	defer stop()
	// A closed stdout must be an error to handle (QUIT, exit 1), not a
	// SIGPIPE that kills the bridge without a word to the server.
	signal.Ignore(syscall.SIGPIPE)
	b := &ircBridge{
		server: server, nick: nick, peer: peer, user: user, realname: realname,
		conn: conn, in: c.App.Reader, out: c.App.Writer, log: c.App.ErrWriter,
		timing: timing,
	}
	return b.run(ctx)
}

// quitSignals end the bridge with a QUIT: SIGTERM, and SIGINT and SIGHUP
// unless they were ignored when we started (as the chat does, so that
// Ctrl-C is a key there): watching them would stop ignoring them.
func quitSignals() []os.Signal {
	sigs := []os.Signal{syscall.SIGTERM}
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGHUP} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	return sigs
}

func validLine(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' || s[i] == '\n' || s[i] == 0 {
			return false
		}
	}
	return true
}

// tlsRoots are the certificate authorities --tls trusts: nil for the
// system's (tests set their own).
var tlsRoots *x509.CertPool

func dialIRC(ctx context.Context, server, port string, useTLS bool) (net.Conn, error) {
	addr := net.JoinHostPort(server, port)
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 60 * time.Second}
	if useTLS {
		td := &tls.Dialer{NetDialer: d, Config: &tls.Config{ServerName: server, MinVersion: tls.VersionTLS12, RootCAs: tlsRoots}}
		return td.DialContext(ctx, "tcp", addr)
	}
	return d.DialContext(ctx, "tcp", addr)
}
