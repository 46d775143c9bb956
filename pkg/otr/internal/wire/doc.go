// Package wire is the OTR v2/v3 wire codec: binary data types and encoded
// messages, the text forms that travel over the IM network (query, tagged
// plaintext, error, encoded, fragment), fragmentation and reassembly, and
// the TLVs inside data messages. It is pure: no keys, no state machine.
//
// Every decoder returns an error (wrapping ErrMalformed, usually a
// *FieldError naming the field and offset) for truncated, oversized or
// inconsistent input, never panics on it, and never allocates more than
// the input's size from a length field.
//
// Detection follows libotr 4.1.1 (otrl_proto_message_type and the fragment
// check in otrl_message_receiving). Judgement calls, each deliberate:
//
//   - "?OTR Error:" counts only at the very start of a line. libotr accepts
//     it anywhere; a forged error inside chat text must not make us act, so
//     such a line is plaintext. A line starting with it is an error even
//     if it also holds a fragment marker (libotr would try the fragment
//     first); no real fragment starts with "?OTR Error:", so nothing is lost.
//   - A line containing "?OTR|" or "?OTR," is a fragment, checked before
//     the other "?OTR" forms, as the spec asks and libotr does. A malformed
//     one fails ParseFragment; drop it (libotr swallows it silently too).
//   - Otherwise only the first "?OTR" of the line decides, as in libotr:
//     "?OTR:AAM"/"?OTR:AAI" followed by C, K, R, S or D is encoded (v3/v2),
//     "?OTR?" and "?OTRv" are queries, anything else is KindUnknown (libotr:
//     "unrecognized", the message is not shown). This includes v1 messages
//     ("?OTR:AAE..."), which we do not support.
//   - A query in the middle of chat text ("see ?OTRv23? here") is a query,
//     as in libotr. Versions are read up to the next "?" or, if there is
//     none, to the end of the line (libotr again), so "?OTRv" alone is a
//     query offering nothing; a bare "?OTR" is KindUnknown.
//   - A whitespace tag counts anywhere, only when the line has no "?OTR".
//     Stripping removes the base tag and every following 8-character group
//     of spaces/tabs (also v1 and unknown version tags), like libotr.
//   - DecodeMessage takes the first "?OTR:" up to the next ".", ignoring
//     text around it (libotr does); it skips whitespace inside the base64
//     but, unlike libotr, rejects other non-base64 characters, and it
//     refuses more than MaxMessageSize characters of base64 (ErrTooLarge).
//   - ParseError strips one space after the colon, so ErrorMessage and
//     ParseError round-trip exactly; libotr sends "?OTR Error: " + text.
//   - Fragment lines are formatted like libotr (%08x tags, %05hu k and n).
//     ParseFragment accepts 1-8 hex digits in either case, any number of
//     leading zeros in k and n, and ignores text after the closing comma.
//     Fragmentize fills lines to exactly maxSize (libotr stops one short).
//   - Assembler.Add copies the buffer on each piece; with MaxMessageSize
//     that is at most 256 KiB of copying per received line.
//   - Decode enforces the lengths libotr enforces (hashed g^x 32 bytes,
//     revealed key 16 bytes) but not that old MAC keys are a multiple of 20
//     bytes; that is for the protocol core to judge.
package wire
