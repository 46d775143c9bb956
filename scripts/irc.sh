#!/usr/bin/env bash
# An OTR chat with one nick on IRC: scripts/chat.sh over `otr irc-bridge`.
#
#   scripts/irc.sh [--tls] SERVER PORT NICK PEER_NICK
#
# Logs into SERVER as NICK (joining no channel) and talks privately with
# PEER_NICK by private messages, fragmented to fit IRC lines. The chat and
# its commands are scripts/chat.sh's (/otr, /smp, /answer, /close, /quit,
# /help); the server's chatter shows as "* irc: ..." lines. $OTR names the
# otr binary (default: otr), $OTR_STATE the identity (run `otr keygen` first,
# or bring irssi's in with `otr import-libotr`). The peer's saved session is
# named PEER_NICK. What the server still sees: docs/irc.md.
set -u

usage() { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# */usage: /' >&2; exit 2; }

tls=()
if [ "${1:-}" = --tls ]; then tls=(--tls); shift; fi
[ $# -eq 4 ] || usage
for a in "$@"; do case $a in -*) usage ;; esac; done
server=$1 port=$2 nick=$3 peer=$4

exec "$(dirname "${BASH_SOURCE[0]}")/chat.sh" --fragment-size irc \
  exec "$peer" -- "${OTR:-otr}" irc-bridge "${tls[@]}" "$server" "$port" "$nick" "$peer"
