// Package otr implements the Off-the-Record Messaging protocol, versions 2
// and 3, as a pure library: no file or network I/O.
//
// A Conversation is one private conversation with one peer. Its persistent
// part, State, is plain exported data that can be saved (for example as
// TOML) and restored, and a restored Conversation behaves exactly like the
// original. Each call (Receive, Send, Query, End, the SMP calls) returns a
// Result: the wire lines to deliver to the peer and the events to show the
// user, as values.
//
// Receive keeps a fragment being reassembled in State, so a caller that
// saves State after every line rewrites the growing buffer with every
// piece. Such a caller can instead keep the pieces in a FragmentBuffer of
// its own (an append-only file, say): AddFragment takes the piece, and
// ReceiveReassembled handles the whole message once it is complete.
package otr
