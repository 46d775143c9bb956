package libotrfile

import (
	"bytes"
	"fmt"
)

// printAdvanced renders s as libgcrypt's gcry_sexp_sprint does in
// GCRYSEXP_FMT_ADVANCED mode, byte for byte: each nested '(' starts a new
// line indented by its depth, an atom is followed by a space unless a ')'
// comes next, a ')' followed by an atom or ')' breaks the line, and the
// whole ends with a newline. libotr writes its key file with this printer.
func printAdvanced(buf *bytes.Buffer, s *sexp) {
	printList(buf, s, 0, false)
	buf.WriteByte('\n')
}

// printList writes list s at depth indent; moreAtomOrClose tells whether an
// atom or a ')' follows it (then libgcrypt breaks the line after it).
func printList(buf *bytes.Buffer, s *sexp, indent int, moreAtomOrClose bool) {
	if indent > 0 {
		buf.WriteByte('\n')
		buf.Write(bytes.Repeat([]byte{' '}, indent))
	}
	buf.WriteByte('(')
	for i, c := range s.list {
		last := i == len(s.list)-1
		if c.isList {
			printList(buf, c, indent+1, last || !s.list[i+1].isList)
			continue
		}
		buf.Write(encodeAtom(c.atom))
		if !last {
			buf.WriteByte(' ')
		}
	}
	buf.WriteByte(')')
	if moreAtomOrClose {
		buf.WriteByte('\n')
		buf.Write(bytes.Repeat([]byte{' '}, indent))
	}
}

// atomEncoding is how libgcrypt chooses to show an atom.
type atomEncoding int

const (
	asHex atomEncoding = iota
	asString
	asToken
)

// chooseEncoding mirrors libgcrypt: a leading byte of 0 or >= 0x80 means
// binary (hex); control bytes other than the named escapes, and
// 0x7f-0xa0, mean hex; a string of token characters not starting with a
// digit is a bare token; anything else is a quoted string. libgcrypt also
// lets NUL bytes pass as token characters, which makes libotr write a
// truncated file; we quote such atoms instead.
func chooseEncoding(b []byte) atomEncoding {
	if len(b) == 0 {
		return asString
	}
	if b[0] == 0 || b[0]&0x80 != 0 {
		return asHex
	}
	token := !isDigit(b[0])
	for _, c := range b {
		if needsHex(c) {
			return asHex
		}
		token = token && isTokenChar(c)
	}
	if token {
		return asToken
	}
	return asString
}

func needsHex(c byte) bool {
	return (c < 0x20 || c >= 0x7f && c <= 0xa0) && c != 0 && !containsByte("\b\t\v\n\f\r", c)
}

func encodeAtom(b []byte) []byte {
	switch chooseEncoding(b) {
	case asToken:
		return b
	case asString:
		return quoteAtom(b)
	}
	return fmt.Appendf(nil, "#%X#", b)
}

var escapeLetters = map[byte]byte{
	'\b': 'b', '\t': 't', '\v': 'v', '\n': 'n', '\f': 'f', '\r': 'r',
	'"': '"', '\'': '\'', '\\': '\\',
}

// quoteAtom writes b as libgcrypt's quoted string.
func quoteAtom(b []byte) []byte {
	out := []byte{'"'}
	for _, c := range b {
		if e, ok := escapeLetters[c]; ok {
			out = append(out, '\\', e)
		} else if c < 0x20 || c >= 0x7f && c <= 0xa0 {
			out = fmt.Appendf(out, "\\x%02x", c)
		} else {
			out = append(out, c)
		}
	}
	return append(out, '"')
}
