// Package chattest tests scripts/chat.sh end to end: two chats in tmux
// panes (pseudo-terminals) talking over a loopback port, keys sent with
// send-keys and the screens read with capture-pane. The tests skip when
// tmux or nc is missing, and fail instead with OTR_REQUIRE_TMUX=1.
package chattest
