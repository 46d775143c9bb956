// Package libotrpeer runs libotr 4.1.1 as a test peer, so that our OTR
// implementation can be proven against the reference inside go test.
//
// The C program csrc/helper.c (compiled by Build with the system's cc) runs one
// libotr account talking to one buddy and is driven over stdin/stdout.
//
// # Use
//
//	lib := libotrpeer.Start(t, libotrpeer.Options{Account: "bob@example", Buddy: "alice@example"})
//	out := lib.Receive(lineFromOurImplementation) // out.Wire: lines to hand back
//	if lib.Status().MsgState == "encrypted" { ... }
//
// Every method fails the test (with the helper's stderr) if the helper
// refuses a command or dies. Peer.Bench times libotr alone, for comparison
// with our benchmarks.
//
// # Line protocol
//
// The helper is started as
//
//	helper peer ACCOUNT PROTOCOL BUDDY POLICY FRAGSIZE KEYFILE
//	helper bench KIND N ACCOUNT_A KEYFILE_A ACCOUNT_B KEYFILE_B PROTOCOL
//	helper keygen PATH ACCOUNT PROTOCOL
//	helper fingerprints PATH
//
// POLICY is a number (OTRL_POLICY_* bits) or "default". In peer mode it reads
// one command per line; arguments are lower-case hex of the bytes ("-" for
// empty), except the command name and the decimal use of symkey:
//
//	fingerprint | instag | query | status | poll | disconnect | smp_abort
//	send HEX | recv HEX | smp_answer HEX | smp_start SECRET [QUESTION]
//	symkey USE CONTEXT | quit
//
// Each command is answered by result lines and then a final "ok" or
// "err text=HEX". A result line is a tag followed by key=value fields:
//
//	wire text=HEX                          a line libotr injected (one per fragment)
//	event KIND [field=value ...]           a libotr callback, see Event
//	ignore                                 otrl_message_receiving returned 1
//	value key=HEX | value use=N            the result of fingerprint, instag, symkey
//	status msgstate=.. auth=.. ...         see Status
//	fp name=HEX text=HEX key=HEX           fingerprints mode: account, protocol, human form
//
// Fields name, text, question, context, key, err, their_fp and ssid are hex;
// all others are plain decimal or words. Texts are C strings inside libotr,
// so a NUL byte ends them.
package libotrpeer
