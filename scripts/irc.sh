#!/usr/bin/env bash
# An OTR chat with one nick on IRC: scripts/chat.sh over otr-irc-bridge.
#
#   scripts/irc.sh [--tls] SERVER PORT NICK PEER_NICK
#
# Logs into SERVER as NICK (joining no channel) and talks privately with
# PEER_NICK by private messages, fragmented to fit IRC lines. The chat and
# its commands are scripts/chat.sh's (/otr, /smp, /answer, /close, /quit,
# /help); the server's chatter shows as "* irc: ..." lines. $OTR names the
# otr binary (default: otr), $OTR_STATE the identity (run `otr keygen` first,
# or bring irssi's in with `otr import-libotr`). The peer's saved session is
# named PEER_NICK. The bridge is $OTR_IRC_BRIDGE, else the otr-irc-bridge
# beside $OTR, else the one on the PATH. What the server still sees:
# docs/irc.md.
set -u

usage() { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# */usage: /' >&2; exit 2; }

tls=()
if [ "${1:-}" = --tls ]; then tls=(--tls); shift; fi
[ $# -eq 4 ] || usage
for a in "$@"; do case $a in -*) usage ;; esac; done
server=$1 port=$2 nick=$3 peer=$4

# find_bridge prints the otr-irc-bridge to run: $OTR_IRC_BRIDGE, else the
# one beside $OTR (go build puts them side by side), else the PATH's.
find_bridge() {
  local otr
  if [ -n "${OTR_IRC_BRIDGE:-}" ]; then
    if [ -f "$OTR_IRC_BRIDGE" ] && [ -x "$OTR_IRC_BRIDGE" ]; then
      printf '%s\n' "$OTR_IRC_BRIDGE"; return 0
    fi
    printf 'irc: error: OTR_IRC_BRIDGE=%q is not an executable file\n' "$OTR_IRC_BRIDGE" >&2
    printf 'irc: hint: build it: go build -o otr-irc-bridge ./cmd/otr-irc-bridge\n' >&2
    return 1
  fi
  if otr=$(command -v -- "${OTR:-otr}") && [ -f "${otr%/*}/otr-irc-bridge" ] &&
    [ -x "${otr%/*}/otr-irc-bridge" ] && [[ $otr == */* ]]; then
    printf '%s\n' "${otr%/*}/otr-irc-bridge"; return 0
  fi
  if command -v otr-irc-bridge; then return 0; fi
  printf 'irc: error: otr-irc-bridge was found neither beside %q nor on the PATH\n' "${OTR:-otr}" >&2
  printf 'irc: hint: build it where otr is: go build -o DIR/ ./cmd/otr ./cmd/otr-irc-bridge (or set OTR_IRC_BRIDGE=/path/to/otr-irc-bridge)\n' >&2
  return 1
}

bridge=$(find_bridge) || exit 1

exec "$(dirname "${BASH_SOURCE[0]}")/chat.sh" --fragment-size irc \
  exec "$peer" -- "$bridge" "${tls[@]}" "$server" "$port" "$nick" "$peer"
