# shellcheck shell=bash
# The CHAT_* globals are shared by the parts of the chat (chat-core.sh).
# shellcheck disable=SC2034,SC2153
# The chat's rendering of what happens: otr's JSON display events, the
# transport's stderr, the end of the connection, and the conversation's
# state for the prompt. Part of scripts/chat-core.sh.

# chat_event_line shows one line of the events FIFO (see chat_start).
chat_event_line() {
  case $1 in
    "{"*) chat_render_json "$1" ;;
    "T "*) chat_show "* $(chat_visible "${1#T }")" ;;
    "R otr: hint:"*) ;;   # hints name otr commands; the chat has its own
    "R "*) chat_show "! $(chat_visible "${1#R }")" ;;
    X) CHAT_ENDED=1 ;;
  esac
}

# chat_show prints lines without redrawing the prompt (callers redraw once).
chat_show() {
  local l
  for l in "$@"; do printf '%s%s\n' "$CHAT_CR" "$l"; done
  CHAT_LAST_SHOWN=$l
}

# chat_jstr JSON KEY sets CHAT_V to the string value of KEY (the events are
# flat objects; a quote inside a string is always escaped, so the first
# '"KEY":"' is the key itself). Returns 1 when KEY is absent.
chat_jstr() {
  local re="\"$2\":\"(([^\"\\\\]|\\\\.)*)\""
  CHAT_V=""
  [[ $1 =~ $re ]] || return 1
  chat_unescape "${BASH_REMATCH[1]}"
}

# chat_jraw JSON KEY sets CHAT_V to a number or boolean value of KEY.
chat_jraw() {
  local re="\"$2\":([-0-9a-z.]+)"
  CHAT_V=""
  [[ $1 =~ $re ]] || return 1
  CHAT_V=${BASH_REMATCH[1]}
}

# chat_unescape sets CHAT_V to a JSON string's text. Escaped control
# characters stay visible (\u001b shows as ^[); \n stays a newline for
# chat_visible to frame.
chat_unescape() {
  local s=$1 hex c
  s=${s//\\\\/$'\x01'}
  s=${s//\\\"/\"}
  s=${s//\\\//\/}
  s=${s//\\n/$'\n'}
  s=${s//\\t/ }
  s=${s//\\r/^M}
  s=${s//\\b/^H}
  s=${s//\\f/^L}
  while [[ $s =~ \\u([0-9a-fA-F]{4}) ]]; do
    hex=${BASH_REMATCH[1]}
    if ((16#$hex < 32)); then
      printf -v c '^%b' "\\x$(printf '%x' $((16#$hex + 64)))"
    elif ((16#$hex >= 127 && 16#$hex < 160)) || ((16#$hex == 0x2028 || 16#$hex == 0x2029)); then
      c="<U+$hex>"
    else
      printf -v c '%b' "\\u$hex"
    fi
    s=${s//"\\u$hex"/"$c"}
  done
  CHAT_V=${s//$'\x01'/\\}
}

# chat_visible prints TEXT with control characters made visible (C1 ones too,
# which some terminals obey); newlines stay.
chat_visible() {
  local s=$1 i c
  for ((i = 1; i < 32; i++)); do
    ((i == 10)) && continue
    printf -v c '%b' "\\x$(printf '%02x' "$i")"
    [[ $s == *"$c"* ]] || continue
    s=${s//"$c"/^$(printf '%b' "\\x$(printf '%x' $((i + 64)))")}
  done
  s=${s//$'\x7f'/^?}
  if [[ ${LC_ALL:-${LC_CTYPE:-$LANG}} == *[Uu][Tt][Ff]*8* ]]; then
    s=${s//[$'\u0080'-$'\u009f']/?}
  fi
  printf '%s' "$s"
}

# chat_from PREFIX TEXT prints each line of a message after PREFIX (split
# in memory: a here-string could put the text in a temporary file).
chat_from() {
  local prefix=$1 rest
  rest=$(chat_visible "$2")
  while [[ $rest == *$'\n'* ]]; do
    chat_show "$prefix${rest%%$'\n'*}"
    rest=${rest#*$'\n'}
  done
  chat_show "$prefix$rest"
}

# chat_commands_for rewrites otr command lines in a text into chat commands.
chat_commands_for() {
  local p='( --[a-z-]+( [^- ,;)][^ ,;)]*)?)*'
  printf '%s\n' "$1" | sed -E \
    -e "s/otr smp answer$p/\/answer/g" \
    -e "s/otr smp abort$p/\/abort/g" \
    -e "s/otr smp start$p/\/smp/g" \
    -e "s/otr smp( …| \.\.\.)?$p/\/smp/g" \
    -e "s/otr query$p/\/otr/g" \
    -e "s/otr close$p/\/close/g" \
    -e "s/otr trust$p verify$p/\/trust/g" \
    -e "s/otr trust$p/\/trust/g" \
    -e "s/otr status$p/\/status/g" \
    -e "s/otr fingerprint$p/\/fp/g"
}

# chat_fp_groups HEX40 prints a fingerprint in libotr's five groups.
chat_fp_groups() {
  local h=${1^^}
  printf '%s %s %s %s %s' "${h:0:8}" "${h:8:8}" "${h:16:8}" "${h:24:8}" "${h:32:8}"
}

# chat_render_json shows one display event in chat words.
chat_render_json() {
  local j=$1 ev
  chat_jstr "$j" event; ev=$CHAT_V
  [ "$ev" = error ] || CHAT_KNOWN=1   # an error may be "no saved session"
  case $ev in
    message)
      chat_jstr "$j" text
      if [[ $j == *'"encrypted":true'* ]]; then chat_from "<$CHAT_PEER> " "$CHAT_V"
      else chat_from "<$CHAT_PEER> (unencrypted) " "$CHAT_V"; fi ;;
    secure) chat_render_secure "$j" ;;
    finished)
      CHAT_STATE=finished
      chat_show "* $CHAT_PEER ended the private conversation: nothing more is sent until you /close (back to plaintext) or /otr (start again)" ;;
    closed) CHAT_STATE=plaintext; chat_show "* the private conversation is closed; lines now go in plaintext (/otr starts it again)" ;;
    smp_request)
      CHAT_SMP_PENDING=1 CHAT_QUESTION=""
      if chat_jstr "$j" question; then
        CHAT_QUESTION=$CHAT_V
        chat_show "* $CHAT_PEER wants to verify you (SMP) and asks: $(chat_visible "$CHAT_QUESTION")"
      else
        chat_show "* $CHAT_PEER wants to verify you (SMP) with a secret you both know"
      fi
      chat_show "* type /answer to give the answer (hidden), or /abort to refuse" ;;
    smp_succeeded) CHAT_SMP_PENDING=""; chat_render_smp_ok "$j" ;;
    smp_failed) CHAT_SMP_PENDING="" CHAT_SMP_ASKED=""
      # otr withdraws an SMP verification (not one by hand) unless we
      # answered the peer's question: the prompt follows.
      if [[ $j != *'"question":'* ]] && [ "$CHAT_STATE" = verified ] && [ "$CHAT_TRUST" != manual ]; then
        CHAT_STATE=private CHAT_TRUST=""
      fi
      chat_show "! SMP FAILED: the secrets differ. This may not be $CHAT_PEER: do not trust this conversation." ;;
    smp_aborted) CHAT_SMP_PENDING="" CHAT_SMP_ASKED=""; chat_show "* SMP aborted: $CHAT_PEER is not verified by it" ;;
    extra_key) chat_jraw "$j" use; chat_show "* an extra symmetric key was derived (use $CHAT_V)" ;;
    refreshing) chat_show "* refreshing the private conversation: it stays private until the new keys are agreed" ;;
    heartbeat | debug) ;;
    error) chat_jstr "$j" message
      if [[ $CHAT_V == "no saved session with "* ]]; then   # its hint (otr query) is not shown
        chat_show "! no conversation with $CHAT_PEER yet: /otr starts a private conversation"
      else
        chat_show "! error: $(chat_visible "$(chat_commands_for "$CHAT_V")")"
      fi ;;
    warning) chat_jstr "$j" message; chat_show "* warning: $(chat_visible "$(chat_commands_for "$CHAT_V")")" ;;
    *) chat_show "* $(chat_visible "$j")" ;;
  esac
}

chat_render_secure() {
  local j=$1 fp version prev=$CHAT_LAST_SHOWN
  chat_jraw "$j" version; version=$CHAT_V
  chat_jstr "$j" fingerprint; fp=$(chat_fp_groups "$CHAT_V")
  if [[ $j == *'"refreshed":true'* ]]; then
    chat_show "* private conversation with $CHAT_PEER refreshed: new keys (OTR v$version)"
  else
    chat_show "* private conversation with $CHAT_PEER (OTR v$version)"
  fi
  CHAT_STATE=private CHAT_PLAIN_WARNED=""
  [[ $j == *'"trusted":true'* ]] || CHAT_TRUST=""
  if [[ $j == *'"trusted":true'* ]]; then
    CHAT_STATE=verified   # CHAT_TRUST (smp or manual) as it was
    chat_show "* $CHAT_PEER's fingerprint $fp is verified"
  elif [[ $prev == *"$fp"* || $j == *'"refreshed":true'* ]]; then   # said already
    chat_show "* not verified yet: /smp, or compare fingerprints (/fp) and /trust"
  else
    chat_show "* $CHAT_PEER's fingerprint $fp is NOT verified: verify it with /smp, or compare it with $CHAT_PEER out of band (/fp) and mark it with /trust"
  fi
}

# chat_render_smp_ok JSON: without a question both sides mark the peer
# verified; with one, only the side that asked it (as libotr, pidgin-otr).
chat_render_smp_ok() {
  if [[ $1 != *'"question":'* ]] || [ -n "$CHAT_SMP_ASKED" ]; then
    [ "$CHAT_STATE" = private ] && CHAT_STATE=verified
    [ "$CHAT_TRUST" = manual ] || CHAT_TRUST=smp
  fi
  CHAT_SMP_ASKED=""
  if [ "$CHAT_STATE" = verified ]; then
    chat_show "* SMP succeeded: $CHAT_PEER is verified"
  else
    chat_show "* SMP succeeded: you answered $CHAT_PEER's question correctly; to verify $CHAT_PEER yourself, ask your own with /smp"
  fi
}

# chat_refresh_state sets CHAT_STATE (plaintext, private, verified,
# finished) from `otr status`, at the start; a peer with no saved session is
# plaintext. Then the state follows the events: recv shows an event before
# it saves its step, so `otr status` may not show it yet.
chat_refresh_state() {
  local j s t
  CHAT_KNOWN=1
  if ! j=$(chat_otr status --peer "$CHAT_PEER" 2>/dev/null); then
    CHAT_KNOWN="" CHAT_STATE=plaintext CHAT_TRUST=""
    return
  fi
  chat_jstr "$j" state; s=$CHAT_V
  chat_jstr "$j" trust; t=$CHAT_V
  CHAT_TRUST=$t
  if [[ $j == *'"smp":{"state":"request"'* ]]; then   # a request waiting for us
    CHAT_SMP_PENDING=1 CHAT_QUESTION=""
    chat_jstr "${j#*\"smp\":\{}" question && CHAT_QUESTION=$CHAT_V
  fi
  case $s in
    encrypted) case $t in unverified | "") CHAT_STATE=private ;; *) CHAT_STATE=verified ;; esac ;;
    finished) CHAT_STATE=finished ;;
    *) CHAT_STATE=plaintext ;;
  esac
}
