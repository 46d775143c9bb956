# shellcheck shell=bash
# The CHAT_* globals are shared by the parts of the chat (chat-core.sh).
# shellcheck disable=SC2034,SC2153
# The chat's commands and sending. Part of scripts/chat-core.sh.
# Secrets are read without echo, passed to otr on a pipe from the printf
# builtin (never in argv), and never printed.

chat_banner() {
  chat_print "* chat with $CHAT_PEER: type a line to send it; a line starting with / is a command" \
    "* commands: $CHAT_COMMANDS (//text sends /text)"
  if [ -z "$CHAT_KNOWN" ]; then
    chat_print "* $CHAT_PEER is new here: /otr starts a private conversation"
  fi
  chat_smp_pending_note   # a request saved before this chat started
}

# chat_smp_pending_note says that the peer's SMP request waits for /answer.
chat_smp_pending_note() {
  [ -n "$CHAT_SMP_PENDING" ] || return 0
  if [ -n "$CHAT_QUESTION" ]; then
    chat_print "* $CHAT_PEER asked to verify you (SMP) and asks: $(chat_visible "$CHAT_QUESTION")" \
      "* type /answer to give the answer (hidden), or /abort to refuse"
  else
    chat_print "* $CHAT_PEER asked to verify you (SMP) with a secret you both know" \
      "* type /answer to give the answer (hidden), or /abort to refuse"
  fi
}

chat_help() {
  chat_print \
    "* /otr      start a private conversation (or refresh its keys)" \
    "* /smp      verify $CHAT_PEER with a secret you both know (asks an optional question, then the secret, hidden)" \
    "* /answer   answer $CHAT_PEER's SMP request (the secret, hidden)" \
    "* /abort    abort a running SMP" \
    "* /close    end the private conversation (back to plaintext)" \
    "* /status   the conversation's state, fingerprint and trust" \
    "* /fp       your fingerprint and $CHAT_PEER's" \
    "* /trust    mark $CHAT_PEER's fingerprint verified after comparing it out of band" \
    "* /quit     leave the chat (Ctrl-D on an empty line too)" \
    "* //text    send a line that starts with /text" \
    "* the prompt shows the state: [plaintext], [private], [verified] or [finished]"
}

# chat_command runs one /command line.
chat_command() {
  local cmd=${1%% *} arg=""
  [ "$cmd" != "$1" ] && arg=${1#"$cmd" }
  case $cmd in
    /quit | /exit) return 1 ;;
    /help | /\?) chat_help ;;
    /otr) chat_noarg "$cmd" "$arg" && chat_wire query --peer "$CHAT_PEER" && CHAT_KNOWN=1 ;;
    /close) chat_noarg "$cmd" "$arg" && chat_wire close --peer "$CHAT_PEER" ;;
    /abort) chat_noarg "$cmd" "$arg" && chat_abort ;;
    /smp) chat_noarg "$cmd" "$arg" && chat_smp ;;
    /answer) chat_noarg "$cmd" "$arg" && chat_answer ;;
    /status) chat_noarg "$cmd" "$arg" && chat_status ;;
    /fp) chat_noarg "$cmd" "$arg" && chat_fp ;;
    /trust) chat_noarg "$cmd" "$arg" && chat_trust ;;
    *) chat_print "! unknown command $(chat_visible "$cmd"): nothing was sent" \
         "* commands: $CHAT_COMMANDS (//text sends a line starting with /text)" ;;
  esac
  return 0
}

# chat_noarg CMD ARG refuses text after a command: /smp asks for the secret
# itself, hidden, so that "/smp secret" is never sent or used.
chat_noarg() {
  [ -z "$2" ] && return 0
  chat_print "! $1 takes nothing after it; nothing was sent (/smp and /answer ask for the secret, hidden)"
  return 1
}

# chat_send_text sends one line and shows it as sent.
chat_send_text() {
  local text=$1 mark="" out rc
  [ "$CHAT_STATE" = private ] || [ "$CHAT_STATE" = verified ] || mark="(unencrypted) "
  out=$(printf '%s\n' "$text" | chat_otr send --peer "$CHAT_PEER" 2>&1 >&"$CHAT_NET"); rc=$?
  if ((rc == 0)); then
    chat_from "<me> $mark" "$text"
    # "(unencrypted)" says it on each line; otr's warning (with its hint)
    # is shown for the first such line only, until the next private one.
    if [ -n "$mark" ] && [ -n "$CHAT_PLAIN_WARNED" ]; then
      out=$(printf '%s\n' "$out" | grep -v '"event":"warning".*"message":"sent UNENCRYPTED')
    fi
    [ -n "$mark" ] && CHAT_PLAIN_WARNED=1
    chat_output "$out" 0
  else
    if [ "$CHAT_STATE" = finished ] && [[ $out == *"ended the private conversation"* ]]; then
      chat_show "! not sent: $CHAT_PEER ended the private conversation; /close goes on in plaintext, /otr starts again"
      chat_draw
      return
    fi
    chat_output "$out" "$rc"
    if [ -z "$CHAT_KNOWN" ]; then
      chat_show "! not sent"
    elif [ "$CHAT_STATE" = finished ]; then
      chat_show "! not sent: $CHAT_PEER ended the private conversation; /close goes on in plaintext, /otr starts again"
    else
      chat_show "! not sent"
    fi
  fi
  chat_draw
}

# chat_wire ARGS... runs an otr command that prints wire lines for the peer.
chat_wire() {
  local out rc
  out=$(chat_otr "$@" </dev/null 2>&1 >&"$CHAT_NET"); rc=$?
  chat_output "$out" "$rc"
  chat_draw
  return "$rc"
}

# chat_wire_secret SECRET ARGS... is chat_wire with SECRET on otr's stdin.
chat_wire_secret() {
  local secret=$1 out rc
  shift
  out=$(printf '%s\n' "$secret" | chat_otr "$@" 2>&1 >&"$CHAT_NET"); rc=$?
  chat_output "$out" "$rc"
  chat_draw
  return "$rc"
}

# chat_output OUT RC shows what an otr command printed on its display
# stream: JSON events in chat words; its text error and hint only when no
# event said it (they name otr commands).
chat_output() {
  local line json="" rest=() all=$1$'\n'
  while [ -n "$all" ]; do
    line=${all%%$'\n'*}
    all=${all#*$'\n'}
    case $line in
      "") ;;
      "{"*) chat_render_json "$line"; json=1 ;;
      *) rest+=("$line") ;;
    esac
  done
  if [ -z "$json" ]; then
    for line in "${rest[@]}"; do
      case $line in "otr: hint:"*) continue ;; esac
      chat_show "! $(chat_visible "$(chat_commands_for "$line")")"
    done
    if (($2 != 0)) && ((${#rest[@]} == 0)); then chat_show "! otr failed (exit status $2)"; fi
  fi
}

# chat_smp asks for an optional question and the secret, then starts SMP.
chat_smp() {
  local question secret
  if [ "$CHAT_STATE" != private ] && [ "$CHAT_STATE" != verified ]; then
    chat_print "! /smp runs inside a private conversation: /otr starts one (nothing was asked or sent)"
    return
  fi
  chat_print "* /smp: $CHAT_PEER must type the same secret; Ctrl-C cancels"
  chat_input "question for $CHAT_PEER (optional, Enter for none): " || { chat_print "* /smp cancelled"; return; }
  question=$(chat_strip_controls "$CHAT_INPUT")
  chat_input "secret (hidden): " hide || { chat_print "* /smp cancelled"; return; }
  secret=$CHAT_INPUT
  CHAT_INPUT=""
  if [ -z "$secret" ]; then chat_print "! the secret is empty: /smp cancelled, nothing was sent"; return; fi
  if [ -n "$question" ]; then
    chat_wire_secret "$secret" smp start --peer "$CHAT_PEER" --question "$question" || return
    CHAT_SMP_ASKED=1
    chat_print "* asked $CHAT_PEER: $question (waiting for the answer)"
  else
    chat_wire_secret "$secret" smp start --peer "$CHAT_PEER" || return
    CHAT_SMP_ASKED=1
    chat_print "* SMP started: waiting for $CHAT_PEER to type the secret (/answer)"
  fi
}

# chat_abort aborts an SMP run: otr's smp_aborted event says so, and
# outside a private conversation otr says nothing, so the chat does.
chat_abort() {
  local out rc
  out=$(chat_otr smp abort --peer "$CHAT_PEER" </dev/null 2>&1 >&"$CHAT_NET"); rc=$?
  chat_output "$out" "$rc"
  ((rc == 0)) && CHAT_SMP_PENDING="" CHAT_SMP_ASKED=""
  if ((rc == 0)) && [ -z "$out" ]; then
    chat_print "* no SMP to abort outside a private conversation: nothing was sent"
  fi
  chat_draw
}

# chat_answer asks for the secret that answers the peer's SMP request.
chat_answer() {
  local secret
  if [ -z "$CHAT_SMP_PENDING" ]; then
    chat_print "! $CHAT_PEER has not asked to verify you (nothing to answer); /smp starts a verification"
    return
  fi
  if [ -n "$CHAT_QUESTION" ]; then
    chat_print "* $CHAT_PEER asks: $(chat_visible "$CHAT_QUESTION")"
  fi
  chat_input "answer (hidden): " hide || { chat_print "* /answer cancelled"; return; }
  secret=$CHAT_INPUT
  CHAT_INPUT=""
  if [ -z "$secret" ]; then chat_print "! the answer is empty: /answer cancelled, nothing was sent"; return; fi
  chat_wire_secret "$secret" smp answer --peer "$CHAT_PEER" || return
  CHAT_SMP_ASKED="" CHAT_SMP_PENDING=""
  chat_print "* answer sent: waiting for the result"
}

chat_status() {
  local j state trust fp version
  if ! j=$(chat_otr status --peer "$CHAT_PEER" 2>/dev/null); then
    chat_print "* no conversation with $CHAT_PEER yet: /otr starts a private one"
    return
  fi
  chat_jstr "$j" state; state=$CHAT_V
  chat_jstr "$j" trust; trust=$CHAT_V
  chat_jraw "$j" version; version=$CHAT_V
  chat_jstr "$j" fingerprint; fp=$CHAT_V
  case $state in
    encrypted) state="private (OTR v$version)" ;;
    finished) state="finished: $CHAT_PEER ended the private conversation (/close or /otr)" ;;
  esac
  chat_print "* $CHAT_PEER: $state"
  if [ -n "$fp" ]; then
    chat_print "* $CHAT_PEER's fingerprint: $(chat_fp_groups "$fp") (${trust:-unverified})"
  fi
  chat_smp_pending_note
}

# chat_peer_fp sets CHAT_V to the peer's fingerprint (groups); 1 if none.
chat_peer_fp() {
  CHAT_V=$(chat_otr fingerprint --peer "$CHAT_PEER" 2>/dev/null) && [ -n "$CHAT_V" ]
}

chat_fp() {
  local own
  own=$(chat_otr fingerprint 2>/dev/null)
  chat_print "* your fingerprint:   $own"
  if chat_peer_fp; then
    chat_print "* $CHAT_PEER's fingerprint: $CHAT_V"
  else
    chat_print "* $CHAT_PEER's fingerprint: not seen yet (/otr starts a private conversation)"
  fi
}

# chat_trust marks the peer's fingerprint verified after the user confirms
# it matches what the peer reads out of band.
chat_trust() {
  if ! chat_peer_fp; then
    chat_print "! no fingerprint of $CHAT_PEER yet: /otr starts a private conversation"
    return
  fi
  chat_print "* $CHAT_PEER's fingerprint: $CHAT_V" \
    "* compare it with what $CHAT_PEER reads you out of band (in person, by phone)"
  chat_input "does it match exactly? (yes/no): " || { chat_print "* /trust cancelled"; return; }
  case $CHAT_INPUT in
    y | Y | yes | YES | Yes) ;;
    *) chat_print "* not marked: $CHAT_PEER's fingerprint stays as it was"; return ;;
  esac
  local out rc
  out=$(chat_otr trust --peer "$CHAT_PEER" verify 2>&1 >/dev/null); rc=$?
  if ((rc == 0)); then
    [ "$CHAT_STATE" = private ] && CHAT_STATE=verified
    CHAT_TRUST=manual
    chat_print "* $CHAT_PEER's fingerprint is marked verified"
  else
    chat_output "$out" "$rc"
    chat_draw
  fi
}
