#!/usr/bin/env bash
# Interactive OTR chat over netcat, built from `otr recv` in a pipe and one
# `otr send` per typed line.
#
#   scripts/chat.sh listen PORT PEER          # wait for the peer to connect
#   scripts/chat.sh connect HOST PORT PEER    # connect to a listening peer
#
# Uses $OTR_STATE (or the default state); run `otr keygen` once first.
# Type a line to send it. Commands: /otr (start OTR), /smp SECRET [? QUESTION],
# /answer SECRET, /close, /status, /quit.
set -euo pipefail

OTR=${OTR:-otr}
usage() { sed -n '4,5p' "$0" >&2; exit 2; }
case "${1:-}" in
  listen)  [ $# -eq 3 ] || usage; nc_args=(-l "$2"); peer=$3 ;;
  connect) [ $# -eq 4 ] || usage; nc_args=("$2" "$3"); peer=$4 ;;
  *) usage ;;
esac
command -v nc >/dev/null || { echo "chat.sh: needs nc (netcat-openbsd)" >&2; exit 1; }

# One TCP connection: nc's stdout feeds `otr recv`, whose replies and our
# sends go back into nc's stdin through a FIFO.
dir=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$dir"' EXIT
mkfifo "$dir/to-net"
exec 3<>"$dir/to-net"   # keep the FIFO open for writers and nc
nc "${nc_args[@]}" <&3 | "$OTR" recv --peer "$peer" >&3 &

echo "* chatting with $peer (type /otr to go private, /quit to leave)"
send() { "$OTR" send --peer "$peer" >&3; }
while IFS= read -r line; do
  case "$line" in
    /quit) break ;;
    /otr) "$OTR" query --peer "$peer" >&3 ;;
    /close) "$OTR" close --peer "$peer" >&3 ;;
    /status) "$OTR" status --peer "$peer" ;;
    /smp\ *)
      rest=${line#/smp }; secret=${rest%% \? *}; question=""
      [ "$rest" != "$secret" ] && question=${rest#* \? }
      printf '%s\n' "$secret" | "$OTR" smp start --peer "$peer" ${question:+--question "$question"} >&3 ;;
    /answer\ *) printf '%s\n' "${line#/answer }" | "$OTR" smp answer --peer "$peer" >&3 ;;
    *) printf '%s\n' "$line" | send ;;
  esac
done
