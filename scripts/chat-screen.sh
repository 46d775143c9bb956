# shellcheck shell=bash
# The CHAT_* globals are shared by the parts of the chat (chat-core.sh).
# shellcheck disable=SC2034,SC2153
# The chat's screen: its own line editing, so that lines arriving while the
# user types are printed above the prompt and the typed text is redrawn
# below them. Part of scripts/chat-core.sh.
#
# Keys: Enter sends; Backspace, Ctrl-U (erase the line), Ctrl-W (erase a
# word); Ctrl-L clears the screen; Ctrl-C cancels the line (or a prompt), and
# quits on an empty line; Ctrl-D quits on an empty line. Other control
# characters and escape sequences (arrow keys) are ignored: they never enter
# the line.

# chat_screen_start puts the terminal in a mode where we echo ourselves.
chat_screen_start() {
  CHAT_TTY="" CHAT_STTY="" CHAT_CR="" CHAT_EDITING=""
  CHAT_COLS=80
  if [ -t 0 ] && [ -t 1 ]; then
    CHAT_TTY=1
    CHAT_CR=$'\r\e[K'
    CHAT_STTY=$(stty -g)
    # bash's read -n turns ISIG back on: Ctrl-C arrives as SIGINT, which
    # the key reader turns into a key (noflsh keeps what was typed before).
    stty -echo -icanon noflsh min 1 time 0
    chat_screen_size
    trap chat_screen_resized WINCH
    trap chat_screen_resumed CONT
  fi
  # Ignored here, SIGINT stays ignored in every subshell and command (an
  # otr step is never cut short); only the key reader catches it.
  trap '' INT QUIT
  chat_keys <&0 >&"$CHAT_EV" {CHAT_NET}>&- &
  CHAT_KPID=$!
}

# chat_screen_end restores the terminal.
chat_screen_end() {
  if [ -n "$CHAT_KPID" ]; then kill "$CHAT_KPID" 2>/dev/null; wait "$CHAT_KPID" 2>/dev/null; CHAT_KPID=""; fi
  if [ -n "$CHAT_STTY" ]; then
    printf '\r\e[K'
    stty "$CHAT_STTY"
    CHAT_STTY=""
    trap - WINCH CONT
  fi
  trap - INT QUIT
  CHAT_EDITING=""
}

chat_screen_size() {
  local size
  size=$(stty size 2>/dev/null) && CHAT_COLS=${size#* }
  [[ $CHAT_COLS =~ ^[0-9]+$ ]] && ((CHAT_COLS >= 20)) || CHAT_COLS=80
}

chat_screen_resized() { chat_screen_size; chat_draw; }

# chat_screen_resumed: after Ctrl-Z and fg the shell has put the terminal
# back in its echoing mode; a secret typed at a hidden prompt would show.
chat_screen_resumed() {
  [ -n "$CHAT_STTY" ] && stty -echo -icanon noflsh min 1 time 0
  chat_screen_size
  chat_draw
}

# chat_print TEXT... prints lines above the line being typed, which is
# redrawn below them.
chat_print() {
  local l
  for l in "$@"; do printf '%s%s\n' "$CHAT_CR" "$l"; done
  chat_draw
}

# chat_prompt_text sets CHAT_PROMPT for the main prompt: the state of the
# conversation, always visible.
chat_prompt_text() {
  CHAT_PROMPT="[$CHAT_STATE] $CHAT_PEER> "
}

# chat_draw redraws the prompt and the typed text (nothing of a hidden one);
# a line wider than the terminal shows its end.
chat_draw() {
  [ -n "$CHAT_TTY" ] && [ -n "$CHAT_EDITING" ] || return 0
  [ "$CHAT_EDITING" = main ] && chat_prompt_text
  local shown=$CHAT_BUF room
  [ -n "$CHAT_HIDE" ] && shown=""
  room=$((CHAT_COLS - ${#CHAT_PROMPT} - 2))
  ((room < 8)) && room=8
  if ((${#shown} > room)); then shown="<${shown:${#shown}-room+1}"; fi
  printf '\r\e[K%s%s' "$CHAT_PROMPT" "$shown"
}

# chat_input main | chat_input PROMPT [hide] reads one line into CHAT_INPUT,
# showing incoming events meanwhile. Returns 0 (a line), 1 (cancelled),
# 2 (the connection ended), 3 (end of input).
chat_input() {
  CHAT_BUF="" CHAT_INPUT="" CHAT_HIDE=${2:-} CHAT_ESC=""
  if [ "$1" = main ]; then CHAT_EDITING=main; else CHAT_EDITING=prompt CHAT_PROMPT=$1; fi
  [ -z "$CHAT_TTY" ] && [ "$CHAT_EDITING" = prompt ] && printf '%s\n' "$CHAT_PROMPT"
  chat_draw
  local k rc
  while :; do
    chat_next; rc=$?
    case $rc in
      0) ;;
      2) CHAT_EDITING=""; return 2 ;;
      *) k=$CHAT_BUF; chat_input_done; [ -n "$k" ] && { CHAT_INPUT=$k; return 0; }; return 3 ;;
    esac
    k=$CHAT_KEY
    if [ -n "$CHAT_ESC" ]; then chat_escape_key "$k" && continue; fi
    case $k in
      $'\n' | $'\r') CHAT_INPUT=$CHAT_BUF; chat_input_done; return 0 ;;
      $'\x7f' | $'\b') [ -n "$CHAT_BUF" ] && { CHAT_BUF=${CHAT_BUF%?}; chat_draw; } ;;
      $'\x15') CHAT_BUF=""; chat_draw ;;
      $'\x17') chat_erase_word; chat_draw ;;
      $'\x0c') [ -n "$CHAT_TTY" ] && printf '\e[H\e[2J'; chat_draw ;;
      $'\x03') k=$CHAT_BUF; chat_input_done; [ -z "$k" ] && [ "$1" = main ] && return 3
               return 1 ;;
      $'\x04') if [ -z "$CHAT_BUF" ]; then chat_input_done; [ "$1" = main ] && return 3; return 1; fi ;;
      $'\e') CHAT_ESC=1 ;;
      $'\t') chat_insert " " ;;
      [$'\x01'-$'\x1f']) ;;
      *) chat_insert "$k" ;;
    esac
  done
}

# chat_escape_key KEY drops the keys of an escape sequence (arrow keys,
# F-keys): ESC [ digits/;/? final, or ESC O letter. Returns 1 when KEY is
# not part of one: it is then handled as typed (after Esc, "/" is still "/").
chat_escape_key() {
  local final='^[@A-Za-z^_`{|}~\\[]$' param='^[0-9;:<=>?]$'
  if [ "$CHAT_ESC" = 1 ] && [ "$1" = "[" ]; then CHAT_ESC=csi
  elif [ "$CHAT_ESC" = 1 ] && [ "$1" = O ]; then CHAT_ESC=ss3
  elif [ "$CHAT_ESC" = csi ] && [[ $1 =~ $param ]]; then :
  elif [ "$CHAT_ESC" = csi ] && [[ $1 =~ $final || $1 == "]" ]]; then CHAT_ESC=""
  elif [ "$CHAT_ESC" = ss3 ] && [[ $1 == [A-Za-z] ]]; then CHAT_ESC=""
  else CHAT_ESC=""; return 1
  fi
  return 0
}

# chat_next waits for the next key, showing events as they come, and sets
# CHAT_KEY. Returns 0 (a key), 2 (the connection ended), 3 (end of input).
# The prompt is redrawn once a burst of events has been shown.
chat_next() {
  local line
  while :; do
    [ -n "$CHAT_ENDED" ] && return 2
    if [ -n "$CHAT_DIRTY" ] && ! read -r -t 0 -u "$CHAT_EV"; then
      CHAT_DIRTY=""
      chat_draw
    fi
    IFS= read -r -u "$CHAT_EV" line || return 3
    case $line in
      K?*) CHAT_KEY=${line#K}; return 0 ;;
      N) CHAT_KEY=$'\n'; return 0 ;;
      I) CHAT_KEY=$'\x03'; return 0 ;;    # Ctrl-C (SIGINT)
      E) return 3 ;;
      *) chat_event_line "$line"; CHAT_DIRTY=1 ;;
    esac
  done
}

# chat_keys copies the keys typed on stdin to stdout, one line each: 'K'
# and the character, 'N' for a newline, 'E' at the end of input. It runs
# in the background so that no key is ever lost to a read timeout.
chat_keys() {
  local k rc
  trap 'echo I' INT   # Ctrl-C, as a key: 'I'
  # fg after Ctrl-Z: the shell gave the terminal back echoing; the trap
  # interrupts the read (which restores its mode) and sets it again.
  [ -n "$CHAT_STTY" ] && trap 'stty -echo -icanon noflsh min 1 time 0' CONT
  while :; do
    k=""
    IFS= read -r -n1 -d '' k; rc=$?
    ((rc > 128)) && continue              # a signal interrupted the read
    if [ "$k" = $'\n' ]; then echo N; elif [ -n "$k" ]; then printf 'K%s\n' "$k"; fi
    ((rc != 0)) && [ -z "$k" ] && break
  done
  echo E
}

# chat_input_done leaves the input line empty for what is printed next.
chat_input_done() {
  CHAT_EDITING="" CHAT_BUF=""   # a typed secret lives no longer than needed
  [ -n "$CHAT_TTY" ] && printf '\r\e[K'
  return 0
}

chat_insert() {
  CHAT_BUF+=$1
  if [ -z "$CHAT_TTY" ] || [ -n "$CHAT_HIDE" ]; then return; fi
  if ((${#CHAT_PROMPT} + ${#CHAT_BUF} + 2 > CHAT_COLS)); then chat_draw; else printf '%s' "$1"; fi
}

chat_erase_word() {
  CHAT_BUF=${CHAT_BUF%"${CHAT_BUF##*[! ]}"}
  CHAT_BUF=${CHAT_BUF%"${CHAT_BUF##*[ ]}"}
}
