package libotrfile

import (
	"encoding/base64"
	"fmt"
	"strconv"

	"github.com/otrtool/otr/pkg/otr"
)

// maxDepth bounds nesting: libotr's files nest four deep; a hostile file
// must not exhaust the stack.
const maxDepth = 16

// sexpParser reads libgcrypt's s-expression syntax, both the "advanced"
// form libotr writes and the canonical/transport forms libgcrypt also
// accepts: tokens, "quoted strings" with escapes, #hex#, |base64|, and
// length-prefixed 3:abc (a length before "…", #…# or |…| is optional).
type sexpParser struct {
	in  []byte
	pos int
}

// parseSexp parses a file holding exactly one list.
func parseSexp(in []byte) (*sexp, error) {
	p := &sexpParser{in: in}
	p.skipSpace()
	if p.pos == len(in) {
		return nil, p.fail(p.pos, "empty file, expected an s-expression")
	}
	if in[p.pos] != '(' {
		return nil, p.fail(p.pos, "expected '(' at the start of the file")
	}
	root, err := p.list(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(in) {
		return nil, p.fail(p.pos, "unexpected data after the closing parenthesis")
	}
	return root, nil
}

func (p *sexpParser) fail(off int, format string, args ...any) error {
	return errAt(p.in, off, fmt.Errorf("%w: "+format, append([]any{ErrSyntax}, args...)...))
}

func (p *sexpParser) skipSpace() {
	for p.pos < len(p.in) && isSpace(p.in[p.pos]) {
		p.pos++
	}
}

// list parses from the '(' at p.pos to its matching ')'.
func (p *sexpParser) list(depth int) (*sexp, error) {
	start := p.pos
	if depth >= maxDepth {
		return nil, p.fail(start, "lists nested deeper than %d", maxDepth)
	}
	p.pos++
	node := &sexp{isList: true, off: start}
	for {
		p.skipSpace()
		if p.pos == len(p.in) {
			return nil, p.fail(start, "this '(' is never closed")
		}
		if p.in[p.pos] == ')' {
			p.pos++
			return node, nil
		}
		item, err := p.item(depth)
		if err != nil {
			return nil, err
		}
		node.list = append(node.list, item)
	}
}

// item parses one list element starting at p.pos (not whitespace, not ')').
func (p *sexpParser) item(depth int) (*sexp, error) {
	start := p.pos
	var b []byte
	var err error
	switch c := p.in[p.pos]; {
	case c == '(':
		return p.list(depth + 1)
	case c == '"':
		b, err = p.quoted()
	case c == '#':
		b, err = p.hex()
	case c == '|':
		b, err = p.base64()
	case isDigit(c):
		b, err = p.lengthPrefixed()
	case isTokenChar(c):
		b = p.token()
	case c == '[':
		err = p.fail(start, "display hints [...] are not supported")
	default:
		err = p.fail(start, "unexpected character %q", c)
	}
	if err != nil {
		return nil, err
	}
	return &sexp{atom: b, off: start}, nil
}

func (p *sexpParser) token() []byte {
	start := p.pos
	for p.pos < len(p.in) && isTokenChar(p.in[p.pos]) {
		p.pos++
	}
	return p.in[start:p.pos]
}

// lengthPrefixed parses "N:" followed by N raw bytes, or a length before
// a quoted, hex or base64 string, which must then match its length.
func (p *sexpParser) lengthPrefixed() ([]byte, error) {
	start := p.pos
	if p.in[p.pos] == '0' {
		return nil, p.fail(start, "a length may not start with 0")
	}
	for p.pos < len(p.in) && isDigit(p.in[p.pos]) {
		p.pos++
	}
	n, err := strconv.Atoi(string(p.in[start:p.pos]))
	if err != nil || p.pos == len(p.in) {
		return nil, p.fail(start, "bad length prefix")
	}
	var b []byte
	switch p.in[p.pos] {
	case ':':
		if n > len(p.in)-p.pos-1 {
			return nil, p.fail(start, "length %d runs past the end of the file", n)
		}
		b = p.in[p.pos+1 : p.pos+1+n]
		p.pos += 1 + n
		return b, nil
	case '"':
		b, err = p.quoted()
	case '#':
		b, err = p.hex()
	case '|':
		b, err = p.base64()
	default:
		return nil, p.fail(p.pos, "expected ':', '\"', '#' or '|' after a length")
	}
	if err == nil && len(b) != n {
		err = p.fail(start, "length prefix %d does not match the %d bytes of the string", n, len(b))
	}
	return b, err
}

// hex parses #…#: hex digits, whitespace allowed between them. The
// digits (a private key's, among others) are decoded by otr.Bytes, in
// constant time, and a bad one is not quoted.
func (p *sexpParser) hex() ([]byte, error) {
	start := p.pos
	var digits []byte
	for p.pos++; p.pos < len(p.in); p.pos++ {
		c := p.in[p.pos]
		switch {
		case c == '#':
			p.pos++
			if len(digits)%2 != 0 {
				return nil, p.fail(start, "odd number of hex digits")
			}
			var out otr.Bytes
			if err := out.UnmarshalText(digits); err != nil {
				return nil, p.fail(start, "a hex string holds a character that is not a hex digit")
			}
			clear(digits)
			return out, nil
		case !isSpace(c):
			digits = append(digits, c)
		}
	}
	return nil, p.fail(start, "hex string is never closed with '#'")
}

// base64 parses |…|.
func (p *sexpParser) base64() ([]byte, error) {
	start := p.pos
	for p.pos++; p.pos < len(p.in); p.pos++ {
		c := p.in[p.pos]
		if c == '|' {
			text := string(p.in[start+1 : p.pos])
			p.pos++
			return decodeBase64(text, func() error { return p.fail(start, "bad base64 string") })
		}
		if !isAlpha(c) && !isDigit(c) && c != '+' && c != '/' && c != '=' {
			return nil, p.fail(p.pos, "bad character %q in a base64 string", c)
		}
	}
	return nil, p.fail(start, "base64 string is never closed with '|'")
}

// decodeBase64 accepts padded and unpadded base64.
func decodeBase64(text string, bad func() error) ([]byte, error) {
	if b, err := base64.StdEncoding.DecodeString(text); err == nil {
		return b, nil
	}
	if b, err := base64.RawStdEncoding.DecodeString(text); err == nil {
		return b, nil
	}
	return nil, bad()
}
