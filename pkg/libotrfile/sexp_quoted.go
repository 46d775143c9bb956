package libotrfile

// quoted parses a "…" string with libgcrypt's escapes: \b \t \v \n \f \r
// \" \' \\, \xHH, three octal digits, and a backslash before a line break
// (which drops the break). Other bytes, even raw 8-bit ones, stand for
// themselves.
func (p *sexpParser) quoted() ([]byte, error) {
	start := p.pos
	out := []byte{}
	for p.pos++; p.pos < len(p.in); p.pos++ {
		switch c := p.in[p.pos]; c {
		case '"':
			p.pos++
			return out, nil
		case '\\':
			b, ok, err := p.escape()
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, b)
			}
		default:
			out = append(out, c)
		}
	}
	return nil, p.fail(start, "quoted string is never closed")
}

var simpleEscapes = map[byte]byte{
	'b': '\b', 't': '\t', 'v': '\v', 'n': '\n', 'f': '\f', 'r': '\r',
	'"': '"', '\'': '\'', '\\': '\\',
}

// escape decodes the escape whose backslash is at p.pos, leaving p.pos on
// its last byte. ok is false for a line continuation, which yields nothing.
func (p *sexpParser) escape() (b byte, ok bool, err error) {
	at := p.pos
	if p.pos+1 >= len(p.in) {
		return 0, false, p.fail(at, "backslash at the end of the file")
	}
	p.pos++
	c := p.in[p.pos]
	if v, found := simpleEscapes[c]; found {
		return v, true, nil
	}
	switch {
	case c == 'x':
		if p.pos+2 >= len(p.in) || !isHexDigit(p.in[p.pos+1]) || !isHexDigit(p.in[p.pos+2]) {
			return 0, false, p.fail(at, "\\x must be followed by two hex digits")
		}
		p.pos += 2
		return hexValue(p.in[p.pos-1])<<4 | hexValue(p.in[p.pos]), true, nil
	case c >= '0' && c <= '7':
		if p.pos+2 >= len(p.in) || !isOctal(p.in[p.pos+1]) || !isOctal(p.in[p.pos+2]) {
			return 0, false, p.fail(at, "an octal escape needs three digits 0-7")
		}
		v := int(c-'0')<<6 | int(p.in[p.pos+1]-'0')<<3 | int(p.in[p.pos+2]-'0')
		p.pos += 2
		return byte(v), true, nil
	case c == '\r' || c == '\n':
		// A CR LF or LF CR pair counts as one line break.
		if p.pos+1 < len(p.in) && p.in[p.pos+1] == '\r'+'\n'-c {
			p.pos++
		}
		return 0, false, nil
	}
	return 0, false, p.fail(at, "unknown escape \\%c", c)
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// hexValue is the value of a hex digit of a quoted string's \x escape.
func hexValue(c byte) byte {
	switch {
	case isDigit(c):
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
