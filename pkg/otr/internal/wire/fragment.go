package wire

import (
	"fmt"
	"strings"
)

const (
	fragmentV3Marker = "?OTR|"
	fragmentV2Marker = "?OTR,"
	maxFragmentCount = 65535
)

// Fragment is one piece of a fragmented message. The instance tags exist
// only for Version 3; the caller filters on them.
type Fragment struct {
	Version                int // 2 or 3
	SenderTag, ReceiverTag uint32
	K, N                   uint16 // this is piece K of N, 1 <= K <= N
	Piece                  string
}

// String formats the fragment as libotr does:
// "?OTR|%08x|%08x,%05hu,%05hu,%s," for v3 and "?OTR,%05hu,%05hu,%s," for v2.
func (f Fragment) String() string {
	if f.Version == 3 {
		return fmt.Sprintf("?OTR|%08x|%08x,%05d,%05d,%s,", f.SenderTag, f.ReceiverTag, f.K, f.N, f.Piece)
	}
	return fmt.Sprintf("?OTR,%05d,%05d,%s,", f.K, f.N, f.Piece)
}

// ParseFragment parses a fragment line. Like libotr it looks for "?OTR|"
// (v3) first, then "?OTR,", anywhere in the line, and ignores what follows
// the piece's closing comma. Tags are 1 to 8 hex digits; k and n are
// decimal (any number of leading zeros). It rejects k or n of 0, k > n,
// values above 65535, an empty piece and a missing closing comma. A line
// that fails here should be dropped without touching the Assembler (the
// spec says to discard an illegal fragment; libotr leaves its state alone).
func ParseFragment(line string) (Fragment, error) {
	if at := strings.Index(line, fragmentV3Marker); at >= 0 {
		p := &fragParser{s: line, pos: at + len(fragmentV3Marker)}
		return p.v3()
	}
	if at := strings.Index(line, fragmentV2Marker); at >= 0 {
		p := &fragParser{s: line, pos: at + len(fragmentV2Marker)}
		return p.v2()
	}
	return Fragment{}, fieldErr("fragment", 0, `no "?OTR|" or "?OTR," marker`)
}

// fragParser walks a fragment line; the first failure is kept.
type fragParser struct {
	s   string
	pos int
	err error
}

func (p *fragParser) v3() (Fragment, error) {
	f := Fragment{Version: 3}
	f.SenderTag = p.hex("sender instance tag", '|')
	f.ReceiverTag = p.hex("receiver instance tag", ',')
	return p.body(f)
}

func (p *fragParser) v2() (Fragment, error) {
	return p.body(Fragment{Version: 2})
}

func (p *fragParser) body(f Fragment) (Fragment, error) {
	f.K = p.count("fragment number k")
	f.N = p.count("fragment count n")
	f.Piece = p.piece()
	if p.err == nil && f.K > f.N {
		p.fail("fragment number k", fmt.Sprintf("k=%d exceeds n=%d", f.K, f.N))
	}
	if p.err != nil {
		return Fragment{}, p.err
	}
	return f, nil
}

func (p *fragParser) fail(field, reason string) {
	if p.err == nil {
		p.err = fieldErr(field, p.pos, reason)
	}
}

// field returns the text up to the next sep and moves past sep.
func (p *fragParser) field(name string, sep byte) string {
	if p.err != nil {
		return ""
	}
	i := strings.IndexByte(p.s[p.pos:], sep)
	if i < 0 {
		p.fail(name, fmt.Sprintf("missing %q", sep))
		return ""
	}
	v := p.s[p.pos : p.pos+i]
	p.pos += i + 1
	return v
}

func (p *fragParser) hex(name string, sep byte) uint32 {
	start := p.pos
	s := p.field(name, sep)
	if p.err != nil {
		return 0
	}
	if len(s) == 0 || len(s) > 8 {
		p.pos = start
		p.fail(name, "want 1 to 8 hex digits")
		return 0
	}
	var v uint32
	for _, c := range []byte(s) {
		d, ok := hexDigit(c)
		if !ok {
			p.pos = start
			p.fail(name, "not a hex number")
			return 0
		}
		v = v<<4 | uint32(d)
	}
	return v
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (p *fragParser) count(name string) uint16 {
	start := p.pos
	s := p.field(name, ',')
	if p.err != nil {
		return 0
	}
	v, reason := parseCount(s)
	if reason != "" {
		p.pos = start
		p.fail(name, reason)
	}
	return v
}

// parseCount reads a decimal in 1..65535.
func parseCount(s string) (uint16, string) {
	if s == "" {
		return 0, "empty number"
	}
	v := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, "not a decimal number"
		}
		if v = v*10 + int(c-'0'); v > maxFragmentCount {
			return 0, "exceeds 65535"
		}
	}
	if v == 0 {
		return 0, "must not be 0"
	}
	return uint16(v), ""
}

func (p *fragParser) piece() string {
	start := p.pos
	s := p.field("fragment piece", ',')
	if p.err == nil && s == "" {
		p.pos = start
		p.fail("fragment piece", "empty piece")
	}
	return s
}
