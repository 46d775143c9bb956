# shellcheck shell=bash
# The interactive OTR chat, shared by scripts/chat.sh (netcat) and any other
# transport (scripts/irc.sh). Source this file, then run
#
#   chat_main [--fragment-size N|PRESET] PEER -- CMD [ARGS...]
#
# CMD (a command or a shell function) is the transport: its stdin receives
# the wire lines to deliver to PEER, one per line; its stdout yields the lines
# from PEER, one per line, and nothing else; its stderr is shown to the user
# as it is, line by line; its exit means the connection closed. $OTR names
# the otr binary (default: otr), $OTR_STATE the state (otr reads it itself).
#
# chat_main returns 0 after /quit or a clean close, 1 when the connection
# could not be made or ended with an error, 2 on a usage error. It owns the
# terminal and the EXIT/TERM/HUP traps while it runs and cleans up (stops
# the transport, removes its FIFOs, restores the terminal) before it returns.

CHAT_COMMANDS="/help /otr /smp /answer /abort /close /status /fp /trust /quit"

chat_usage() {
  printf '%s\n' "usage: chat_main [--fragment-size N|PRESET] PEER -- CMD [ARGS...]" >&2
  return 2
}

chat_main() {
  CHAT_OTR=${OTR:-otr}
  CHAT_ARGS=(--json)
  while [ $# -gt 0 ]; do
    case $1 in
      --fragment-size) [ $# -ge 2 ] || { chat_usage; return; }
                       CHAT_ARGS+=(--fragment-size "$2"); shift 2 ;;
      --fragment-size=*) CHAT_ARGS+=(--fragment-size "${1#*=}"); shift ;;
      *) break ;;
    esac
  done
  if [ $# -lt 3 ] || [ "$2" != -- ] || [ -z "$1" ]; then chat_usage; return; fi
  CHAT_PEER=$1; shift 2
  chat_preflight || return 1
  chat_start "$@" || { chat_cleanup; return 1; }
  chat_loop
  local rc=$?
  chat_cleanup
  return $rc
}

# chat_otr runs otr with the chat's global flags (--json, --fragment-size);
# Ctrl-C (SIGINT on the terminal) is the chat's key, not a signal for otr.
chat_otr() (
  trap '' INT QUIT
  exec "$CHAT_OTR" "${CHAT_ARGS[@]}" "$@"
)

# chat_preflight refuses to start without otr or without an identity.
chat_preflight() {
  if ! command -v "$CHAT_OTR" >/dev/null 2>&1; then
    printf 'chat: error: the otr command %s was not found\n' "$CHAT_OTR" >&2
    printf 'chat: hint: build it (go build -o otr ./cmd/otr) and set OTR=/path/to/otr\n' >&2
    return 1
  fi
  local out
  if ! out=$(chat_otr fingerprint 2>&1 >/dev/null); then
    out=$(printf '%s\n' "$out" | grep -v '^{')
    if [ -n "$out" ]; then printf '%s\n' "$out" >&2; else
      printf 'chat: error: no usable identity in %s\n' "${OTR_STATE:-the default state}" >&2
      printf 'chat: hint: create one first: otr keygen (OTR_STATE chooses the state directory)\n' >&2
    fi
    return 1
  fi
}

# chat_start makes the FIFOs and starts the transport and `otr recv`:
#   to-net    wire lines for the peer: our sends and recv's replies -> CMD
#   from-net  CMD's stdout -> otr recv
#   events    one line per thing to show: '{...}' display events (JSON),
#             'T text' transport stderr, 'R text' recv's stderr, 'X' the end
chat_start() {
  CHAT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/otr-chat.XXXXXX") || return 1
  mkfifo -m 600 "$CHAT_DIR/to-net" "$CHAT_DIR/from-net" "$CHAT_DIR/events" || return 1
  exec {CHAT_EV}<>"$CHAT_DIR/events"   # read by the loop; held open so writers never block
  exec {CHAT_NET}<>"$CHAT_DIR/to-net"  # our writes; held open so CMD sees no early EOF
  trap 'chat_cleanup; exit 1' TERM HUP
  trap 'chat_cleanup' EXIT
  # Ctrl-C is the chat's key: the transport and recv ignore SIGINT (and
  # SIGQUIT), as do their children.
  (
    trap '' INT QUIT
    exec {CHAT_NET}>&-
    # stderr first: the tagger must not hold from-net open (recv's EOF)
    "$@" 2> >(exec >&"$CHAT_EV"; chat_tag T) <"$CHAT_DIR/to-net" >"$CHAT_DIR/from-net"
    echo "$?" >"$CHAT_DIR/transport-status"
  ) &
  CHAT_TPID=$!
  (
    trap '' INT QUIT
    exec {CHAT_NET}>&-
    chat_otr --display "$CHAT_DIR/events" recv --peer "$CHAT_PEER" \
      2> >(exec >&"$CHAT_EV"; chat_tag R) <"$CHAT_DIR/from-net" >"$CHAT_DIR/to-net"
    printf 'X\n' >&"$CHAT_EV"
  ) &
  CHAT_RPID=$!
}

# chat_tag PREFIX copies stdin's lines to stdout, each after PREFIX and a space.
chat_tag() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do printf '%s %s\n' "$1" "$line"; done
}

# chat_kill_tree PID... stops processes and their descendants, children first.
chat_kill_tree() {
  local p c
  for p in "$@"; do
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do chat_kill_tree "$c"; done
    kill "$p" 2>/dev/null
  done
}

# chat_cleanup: let recv finish its step, stop the transport, restore the
# terminal, remove the FIFOs. Safe to call twice.
chat_cleanup() {
  [ -n "$CHAT_DIR" ] || return 0
  trap - EXIT TERM HUP
  chat_screen_end
  [ -n "$CHAT_NET" ] && exec {CHAT_NET}>&-
  CHAT_NET=""
  if [ -n "$CHAT_TPID" ]; then
    chat_wait_gone "$CHAT_TPID" 5 || chat_kill_tree "$CHAT_TPID"
  fi
  if [ -n "$CHAT_RPID" ]; then
    chat_wait_gone "$CHAT_RPID" 40 || chat_kill_tree "$CHAT_RPID"
  fi
  [ -n "$CHAT_EV" ] && exec {CHAT_EV}<&-
  CHAT_EV="" CHAT_TPID="" CHAT_RPID=""
  rm -rf "$CHAT_DIR"
  CHAT_DIR=""
}

# chat_wait_gone PID TENTHS: wait up to TENTHS tenths of a second for PID to end.
chat_wait_gone() {
  local i
  for ((i = 0; i < $2; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$1" 2>/dev/null
}

# chat_loop reads lines (own line editing) until /quit or the connection ends.
chat_loop() {
  chat_screen_start
  chat_refresh_state
  chat_banner
  local rc
  while :; do
    chat_input main; rc=$?
    case $rc in
      0) chat_line "$CHAT_INPUT" || { chat_print "* bye"; return 0; } ;;
      1) ;;                                    # cancelled: a fresh prompt
      2) chat_connection_ended; return ;;      # the connection ended
      *) chat_print "* bye"; return 0 ;;       # end of input (Ctrl-D)
    esac
  done
}

# chat_connection_ended says how the connection ended; returns 0 when the
# transport exited cleanly, 1 otherwise.
chat_connection_ended() {
  local st="" i line
  while read -r -t 0.2 -u "$CHAT_EV" line; do   # what came with the end
    case $line in K* | N | E | I) ;; *) chat_event_line "$line" ;; esac
  done
  for ((i = 0; i < 40; i++)); do
    [ -s "$CHAT_DIR/transport-status" ] && break
    sleep 0.05
  done
  [ -s "$CHAT_DIR/transport-status" ] && st=$(<"$CHAT_DIR/transport-status")
  if [ "$st" = 0 ]; then
    chat_print "* the connection to $CHAT_PEER is closed; the chat ends"
    return 0
  fi
  chat_print "* the connection to $CHAT_PEER is closed (transport exit status ${st:-unknown}); the chat ends"
  return 1
}

# chat_line handles one typed line; returns 1 for /quit.
chat_line() {
  local line=$1 trimmed
  line=$(chat_strip_controls "$line")
  trimmed=${line#"${line%%[! ]*}"}
  case $trimmed in
    //*) chat_send_text "${trimmed#/}" ;;
    /*) chat_command "$trimmed" ;;
    "") ;;
    *) chat_send_text "$line" ;;
  esac
}

# chat_strip_controls prints its argument without control characters (C0,
# DEL, C1); a tab becomes a space.
chat_strip_controls() {
  local s=${1//$'\t'/ }
  s=${s//[$'\x01'-$'\x1f'$'\x7f']/}
  if [[ ${LC_ALL:-${LC_CTYPE:-$LANG}} == *[Uu][Tt][Ff]*8* ]]; then
    s=${s//[$'\u0080'-$'\u009f']/}
  fi
  printf '%s' "$s"
}

CHAT_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/chat-screen.sh
. "$CHAT_LIB_DIR/chat-screen.sh"
# shellcheck source=scripts/chat-events.sh
. "$CHAT_LIB_DIR/chat-events.sh"
# shellcheck source=scripts/chat-commands.sh
. "$CHAT_LIB_DIR/chat-commands.sh"
