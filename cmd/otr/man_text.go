package main

// The prose of the man page that is not some command's help.

const manDescription = `otr speaks Off-the-Record messaging (OTR versions 2 and 3, as libotr and
pidgin-otr do) from the shell, as a Unix filter. Each invocation loads the
saved state, does one step per input line, saves and exits; nothing runs in
the background, so any transport works: pipes, files, netcat, an IRC bridge.

Two streams come out. stdout of query, send, recv, smp, close, heartbeat and
extra-key carries only wire lines for the peer, one per line, ready for
"| nc host port". What the person should see (received messages, "secure",
SMP results, warnings) goes to the display stream: stderr, or the file named
by --display; text, or JSON lines with --json. keygen, fingerprint, status,
trust, policy and parse print their report on stdout.

A conversation with a peer begins with otr query (we ask them) or otr recv
(they wrote first). Every other command that names a --peer refuses one
with no saved session and lists the known peers, closest first, so that a
typo never sends a message in plaintext to nobody.`

var manSections = []struct{ title, body string }{
	{"ENVIRONMENT", `OTR_STATE
   The state directory, when --state is not given.

XDG_DATA_HOME
   Without --state and OTR_STATE, the state lives in $XDG_DATA_HOME/otr,
   else in ~/.local/share/otr.`},
	{"FILES", `The state directory (mode 0700; its files 0600) holds one identity and a
file per peer:

   DIR/identity.toml       the DSA key, instance tag and policy
   DIR/identity.lock       its lock
   DIR/peers/NAME.toml     the session, known fingerprints and their trust
   DIR/peers/NAME.lock     its lock
   DIR/peers/NAME.frag     the pieces of a fragmented message still arriving

NAME is the peer's name with every byte other than letters, digits, "@+-_"
and a non-leading "." written as %XX. A directory or file that group or
others can open is refused, with the chmod that fixes it; so is one that
belongs to another user, or a symbolic link. The files hold
the session keys: keep them private. The SMP secret is never stored.`},
	{"EXIT STATUS", `   0   success
   1   failure: bad input, a line recv rejected, a missing, corrupt or unsafe
       state, an unknown peer
   2   usage error: an unknown command or option, a missing --peer, a bad value
   129, 130, 131, 143
       stopped by SIGHUP, SIGINT, SIGQUIT or SIGTERM (128 + n), after finishing
       the step under way

Errors are one line "otr: error: ..." on stderr, followed by "otr: hint: ..."
when there is something to do (and an error event with --json).`},
	{"EXAMPLES", `Two identities talking through files, every step a separate command:

   otr --state A keygen; otr --state B keygen
   otr --state A query --peer bob > q
   otr --state B recv --peer alice < q > r1
   otr --state A recv --peer bob < r1 > r2     # and so on until "secure"
   echo hi | otr --state A send --peer bob | otr --state B recv --peer alice

Verify the peer with a shared secret (typed without echo on a terminal):

   otr smp start --peer bob --question 'Our first cat?' | nc bob.example.org 5000

Complete commands, options and peer names in bash:

   source <(otr completion bash)`},
	{"SEE ALSO", `docs/cli.md (the whole command), docs/security.md, docs/debugging.md in
the source; libotr(3) for the protocol's reference implementation.`},
}
