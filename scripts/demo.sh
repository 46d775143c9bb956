#!/usr/bin/env bash
# A full OTR session between two identities, driven only by `otr` calls,
# over netcat on loopback (or plain files when nc is missing).
# Run from the repository: scripts/demo.sh   (needs Go to build otr)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/otr-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

say()  { printf '\n\033[1m== %s\033[0m\n' "$*"; }
note() { printf '   %s\n' "$*"; }

say "Building the otr command"
(cd "$repo" && go build -tags urfave_cli_no_docs -o "$work/otr" ./cmd/otr)   # as README builds it
otr() { "$work/otr" "$@"; }
A=(--state "$work/alice")   # Alice's identity and sessions
B=(--state "$work/bob")     # Bob's

# deliver FROM_FILE: carry wire lines to the other side. Over netcat when
# available: the receiver listens on a loopback port, the sender connects.
port=$(( 20000 + RANDOM % 20000 ))
if command -v nc >/dev/null 2>&1; then
  transport="netcat on 127.0.0.1:$port"
  # OpenBSD netcat closes after stdin's end with -N; others with -q 0.
  if nc -h 2>&1 | grep -q -- ' -N'; then nc_close=(-N); else nc_close=(-q 0); fi
  deliver() { # deliver SRC DST: copy SRC to DST through a loopback TCP connection
    rm -f "$2"
    nc -l 127.0.0.1 "$port" > "$2" & local listener=$!
    local try   # retry until the listener is up (no probe: it would eat the one connection)
    for try in $(seq 100); do
      [ "$try" -gt 1 ] && sleep 0.05
      nc "${nc_close[@]}" 127.0.0.1 "$port" < "$1" 2>/dev/null && break
    done
    wait "$listener"
  }
else
  transport="plain files (nc is not installed)"
  deliver() { cp "$1" "$2"; }
fi

# step WHO_STATE PEER: feed the last delivered lines to `otr recv`; its
# replies become the next lines to deliver.
show() { sed 's/^/   wire> /' "$1" | cut -c1-100; }
recv() { # recv STATE_ARRAY_NAME PEER: the display stream is shown as "[who sees]"
  local -n st=$1
  local who=bob
  [ "$1" = A ] && who=alice
  otr "${st[@]}" recv --peer "$2" < "$work/net" > "$work/out" 2> "$work/display"
  sed "s/^/   [$who sees] /" "$work/display"
}
relay() { deliver "$work/out" "$work/net"; show "$work/net"; }

say "1. Each side creates an identity: a DSA key (1024-bit, as libotr) and an instance tag"
note "Alice's $(otr "${A[@]}" keygen)"   # keygen prints "fingerprint: …"
note "Bob's $(otr "${B[@]}" keygen)"
note "Transport: $transport"

say "2. Alice asks Bob for OTR: the query message"
otr "${A[@]}" query --peer bob > "$work/out"; relay

say "3. The AKE: four messages (D-H commit, D-H key, reveal signature, signature)"
note "Bob answers the query with a D-H commit:"
recv B alice; relay
note "Alice sends her D-H key:"
recv A bob; relay
note "Bob reveals his key and signs:"
recv B alice; relay
note "Alice signs; she is now secure (see the event on the display stream):"
recv A bob; relay
note "Bob checks the signature and is secure too:"
recv B alice

say "4. Messages both ways, encrypted (the display stream shows what each sees)"
printf 'Hi Bob! ünïcødé works too ✓\n' | otr "${A[@]}" send --peer bob > "$work/out"; relay
recv B alice
printf 'Hello Alice, this line is encrypted.\n' | otr "${B[@]}" send --peer alice > "$work/out"; relay
recv A bob
note "With --json, events are JSON lines for scripts:"
printf 'a JSON event\n' | otr "${A[@]}" send --peer bob > "$work/out"; deliver "$work/out" "$work/net"
otr "${B[@]}" --json recv --peer alice < "$work/net" 2>&1 >/dev/null | sed 's/^/   [bob sees] /'

say "5. SMP: check the other side knows a shared secret (read from stdin, never argv)"
echo 'the name of our first cat' | otr "${A[@]}" smp start --peer bob --question 'Our first cat?' > "$work/out"; relay
recv B alice
echo 'the name of our first cat' | otr "${B[@]}" smp answer --peer alice > "$work/out"; relay
recv A bob; relay
recv B alice; relay
recv A bob
note "Alice's trust store now says:"
otr "${A[@]}" trust --peer bob | sed 's/^/   /'

say "6. Alice closes the private conversation; Bob is told"
otr "${A[@]}" close --peer bob > "$work/out"; relay
recv B alice
note "Bob's status:"
otr "${B[@]}" status --peer alice | sed 's/^/   /'

say "Done: every step above was a separate otr invocation on state saved between them"
note "Try it by hand: otr --help, otr help recv, and docs/cli.md"
