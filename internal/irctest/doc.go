// Package irctest holds the end-to-end test of OTR over IRC against real
// parts: ngircd on a private loopback port, irssi with its OTR module
// driven in tmux, and our side (otr-irc-bridge, otr recv, otr send) on
// the other end. With OTR_REQUIRE_IRSSI=1 a missing ngircd, irssi, OTR
// module or tmux fails the test instead of skipping it.
package irctest
