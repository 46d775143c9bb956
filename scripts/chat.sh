#!/usr/bin/env bash
# An interactive OTR chat in the terminal.
#
#   scripts/chat.sh [--fragment-size N|PRESET] listen PORT PEER         # wait for PEER to connect
#   scripts/chat.sh [--fragment-size N|PRESET] connect HOST PORT PEER   # connect to a listening PEER
#   scripts/chat.sh [--fragment-size N|PRESET] exec PEER -- CMD [ARGS...]
#
# listen and connect carry the chat over TCP (listen needs nc). With exec, CMD is the
# transport: its stdin gets the wire lines for PEER (one per line), its
# stdout gives PEER's lines (one per line, nothing else), its stderr is shown
# as it is, and its exit ends the chat. $OTR names the otr binary (default:
# otr); $OTR_STATE the state (run `otr keygen` once first).
#
# Type a line to send it; /help lists the commands (/otr, /smp, /answer,
# /abort, /close, /status, /fp, /trust, /quit). The prompt shows the state.

# shellcheck source=scripts/chat-core.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/chat-core.sh"

chat_sh_usage() { sed -n '4,6p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2; exit 2; }

# chat_sh_need WHAT VALUE refuses an empty argument by its name.
chat_sh_need() {
  [ -n "$2" ] && return 0
  echo "chat.sh: error: the $1 is empty" >&2
  chat_sh_usage
}

# shellcheck disable=SC2317 # (transport functions are called through chat_main)
# chat_nc ARGS... is netcat as a transport (listen), saying when the peer
# connects.
chat_nc() {
  command -v nc >/dev/null 2>&1 || { echo "chat.sh needs nc (netcat-openbsd)" >&2; return 127; }
  nc -v "$@" 2> >(exec >&2; chat_nc_status)
}

# shellcheck disable=SC2317
# chat_connect HOST PORT is a TCP connection as a transport, through bash's
# /dev/tcp: netcat's client does not end when the peer closes.
chat_connect() {
  local fd cat_pid reason
  if ! { exec {fd}<>"/dev/tcp/$1/$2"; } 2>"$CHAT_DIR/connect-error"; then
    reason=$(tail -n 1 "$CHAT_DIR/connect-error"); reason=${reason##*: }
    echo "could not connect to $peer at $1 port $2: ${reason:-failed}" >&2
    return 1
  fi
  echo "connected to $peer at $1 port $2" >&2
  cat <&0 >&"$fd" &   # our wire lines to the peer (<&0: not /dev/null)
  cat_pid=$!
  cat <&"$fd"     # the peer's lines, until it closes
  kill "$cat_pid" 2>/dev/null
  exec {fd}>&-
  return 0
}

# shellcheck disable=SC2317
# chat_nc_status rewrites nc -v's messages in chat words.
chat_nc_status() {
  local line
  while IFS= read -r line; do
    case $line in
      "Listening on "*) echo "waiting for $peer to connect (port $port)" ;;
      "Connection received on "*) echo "$peer connected from ${line#Connection received on }" ;;
      *) echo "$line" ;;
    esac
  done
}

frag=()
while [ $# -gt 0 ]; do
  case $1 in
    --fragment-size) [ $# -ge 2 ] || chat_sh_usage; frag=(--fragment-size "$2"); shift 2 ;;
    --fragment-size=*) frag=(--fragment-size "${1#*=}"); shift ;;
    -h | --help) chat_sh_usage ;;
    *) break ;;
  esac
done
port="" peer=""
case ${1:-} in
  listen)  [ $# -eq 3 ] || chat_sh_usage; port=$2 peer=$3
           chat_sh_need PORT "$port"; chat_sh_need "PEER name" "$peer"
           chat_main "${frag[@]}" "$peer" -- chat_nc -l "$port" ;;
  connect) [ $# -eq 4 ] || chat_sh_usage; port=$3 peer=$4
           chat_sh_need HOST "$2"; chat_sh_need PORT "$port"; chat_sh_need "PEER name" "$peer"
           chat_main "${frag[@]}" "$peer" -- chat_connect "$2" "$3" ;;
  exec)    if [ $# -lt 4 ] || [ "$3" != -- ]; then chat_sh_usage; fi
           peer=$2; chat_sh_need "PEER name" "$peer"; shift 3
           chat_main "${frag[@]}" "$peer" -- "$@" ;;
  *) chat_sh_usage ;;
esac
exit $?
