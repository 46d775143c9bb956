package otr

import (
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// minEncoded is the shortest binary message the line classifier takes for
// an encoded message (version and type must show in the base64); shorter
// ones are "unrecognized OTR" lines shown as plaintext, as libotr does.
const minEncoded = 3

// TestHostileTruncated: every message type of both versions, cut at every
// length, is malformed in every state and changes nothing.
func TestHostileTruncated(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		for _, v := range hostileVersions {
			for _, m := range foreign(t, v).all() {
				bin := mustDecode(t, m.line)
				for n := minEncoded; n < len(bin); n++ {
					deliver(t, f.victim, encodeBin(bin[:n])).rejected(t, ErrMalformed)
				}
			}
		}
	})
}

// TestHostileOverlong: trailing bytes after a complete message are
// malformed; so is an encoded line over the size bound.
func TestHostileOverlong(t *testing.T) {
	huge := "?OTR:AAMD" + strings.Repeat("A", wire.MaxMessageSize) + "."
	forEachState(t, func(t *testing.T, f *fixture) {
		for _, v := range hostileVersions {
			for _, m := range foreign(t, v).all() {
				bin := mustDecode(t, m.line)
				for _, extra := range [][]byte{{0}, {0xff, 0xff, 0xff, 0xff}, make([]byte, 4096)} {
					deliver(t, f.victim, encodeBin(append(bin[:len(bin):len(bin)], extra...))).rejected(t, ErrMalformed)
				}
			}
		}
		deliver(t, f.victim, huge).rejected(t, ErrMalformed)
	})
}

// TestHostileWrongLengths: every DATA and MPI length prefix set past the
// end of the message is malformed; set one off (or zero) the message is
// refused, whatever field the shifted bytes then land in.
func TestHostileWrongLengths(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		for _, v := range hostileVersions {
			for _, m := range foreign(t, v).all() {
				bin := mustDecode(t, m.line)
				for _, at := range lengthFields(t, bin) {
					n := uint32(bin[at])<<24 | uint32(bin[at+1])<<16 | uint32(bin[at+2])<<8 | uint32(bin[at+3])
					past := uint32(len(bin) - at - 4 + 1)
					for _, bad := range []uint32{past, 0xffffffff, 0x80000000} {
						deliver(t, f.victim, encodeBin(withLength(bin, at, bad))).rejected(t, ErrMalformed)
					}
					for _, off := range []uint32{n + 1, n - 1, 0} {
						if off != n {
							deliver(t, f.victim, encodeBin(withLength(bin, at, off))).refused(t)
						}
					}
				}
			}
		}
	})
}

// TestHostileBadBase64: damaged encodings are malformed.
func TestHostileBadBase64(t *testing.T) {
	forEachState(t, func(t *testing.T, f *fixture) {
		line := foreign(t, f.version).data
		for _, bad := range []string{
			line[:len(line)-1],                          // no closing "."
			line[:20] + "*" + line[21:],                 // a non-base64 character
			line[:len(line)-2] + ".",                    // a base64 quantum cut short
			"?OTR:AAMD" + strings.Repeat("=", 40) + ".", // padding only
		} {
			deliver(t, f.victim, bad).rejected(t, ErrMalformed)
		}
	})
}
