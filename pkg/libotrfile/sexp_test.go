package libotrfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// flatten renders a parsed tree unambiguously for comparisons.
func flatten(s *sexp) string {
	if !s.isList {
		return "<" + string(s.atom) + ">"
	}
	parts := []string{}
	for _, c := range s.list {
		parts = append(parts, flatten(c))
	}
	return "(" + strings.Join(parts, " ") + ")"
}

func TestParseSexpForms(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"tokens", "(a b-c ./_:*+=)", "(<a> <b-c> <./_:*+=>)"},
		{"nested with whitespace", "\t( a\n (b\r\n c )\v\f)\n", "(<a> (<b> <c>))"},
		{"empty list", "(privkeys)", "(<privkeys>)"},
		{"token ends at quote", `(ab"cd")`, "(<ab> <cd>)"},
		{"quoted simple escapes", `("\b\t\v\n\f\r\"\'\\")`, "(<\b\t\v\n\f\r\"'\\>)"},
		{"quoted hex and octal", `("\x41\x7a\101\0010")`, "(<AzA\x010>)"},
		{"quoted line continuation", "(\"a\\\nb\\\r\nc\\\n\rd\")", "(<abcd>)"},
		{"quoted raw bytes", "(\"\xe9\x00(\n\")", "(<\xe9\x00(\n>)"},
		{"empty quoted", `("")`, "(<>)"},
		{"hex with spaces", "(#41 4 2\n43#)", "(<ABC>)"},
		{"empty hex", "(##)", "(<>)"},
		{"base64 padded", "(|QUJD| |QUI=|)", "(<ABC> <AB>)"},
		{"base64 unpadded", "(|QUI|)", "(<AB>)"},
		{"length prefixed raw", "(3:a(b4:)\"#|)", "(<a(b> <)\"#|>)"},
		{"length before quoted, hex, base64", `(3"abc" 2#4142# 3|QUJD|)`, "(<abc> <AB> <ABC>)"},
		{"canonical", "(8:privkeys(7:account(4:name1:a)))", "(<privkeys> (<account> (<name> <a>)))"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parseSexp([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := flatten(s); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseSexpErrors(t *testing.T) {
	tests := []struct {
		name, in   string
		line, col  int
		wantInText string
	}{
		{"empty", "  \n", 2, 1, "empty file"},
		{"atom at top", "abc", 1, 1, "expected '('"},
		{"unclosed list", "(a\n (b c)", 1, 1, "never closed"},
		{"extra close", "(a))", 1, 4, "after the closing"},
		{"second list", "(a)\n(b)", 2, 1, "after the closing"},
		{"bad character", "(a\n  {b})", 2, 3, "unexpected character"},
		{"display hint", "([text]a)", 1, 2, "display hints"},
		{"odd hex", "(#414#)", 1, 2, "odd number"},
		{"bad hex char", "(#4G#)", 1, 2, "not a hex digit"}, // reported at the string: its digits are read in constant time
		{"unclosed hex", "(#41", 1, 2, "never closed"},
		{"unclosed quote", "(\"abc)", 1, 2, "never closed"},
		{"unknown escape", `("a\q")`, 1, 4, "unknown escape"},
		{"short hex escape", `("\x4")`, 1, 3, "two hex digits"},
		{"short octal escape", `("\12")`, 1, 3, "three digits"},
		{"backslash at end", `("\`, 1, 3, "end of the file"},
		{"bad base64 char", "(|QU B|)", 1, 5, "bad character"},
		{"bad base64", "(|Q|)", 1, 2, "bad base64"},
		{"unclosed base64", "(|QUJD", 1, 2, "never closed"},
		{"zero length prefix", "(0:)", 1, 2, "may not start with 0"},
		{"length past end", "(9:abc)", 1, 2, "past the end"},
		{"huge length", "(99999999999999999999999:a)", 1, 2, "bad length"},
		{"length without colon", "(3 abc)", 1, 3, "after a length"},
		{"length mismatch", `(4"abc")`, 1, 2, "does not match"},
		{"too deep", strings.Repeat("(", 40) + strings.Repeat(")", 40), 1, 17, "nested deeper"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseSexp([]byte(tc.in))
			var pe *PosError
			if !errors.As(err, &pe) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("got %v, want a PosError wrapping ErrSyntax", err)
			}
			if pe.Line != tc.line || pe.Column != tc.col || !strings.Contains(err.Error(), tc.wantInText) {
				t.Errorf("got %q at line %d col %d, want %q at line %d col %d",
					err, pe.Line, pe.Column, tc.wantInText, tc.line, tc.col)
			}
		})
	}
}

func TestChooseEncoding(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"token", "prpl-jabber", "prpl-jabber"},
		{"token specials", "a.b/c_d:e*f+g=h", "a.b/c_d:e*f+g=h"},
		{"digit first", "7of9", `"7of9"`},
		{"at sign", "alice@example.org", `"alice@example.org"`},
		{"empty", "", `""`},
		{"escapes", "a\"b'c\\d\te\nf\rg\bh\vi\fj", `"a\"b\'c\\d\te\nf\rg\bh\vi\fj"`},
		{"latin-1 high bytes", "caf\xe9", "\"caf\xe9\""},
		{"NUL inside", "a\x00b", `"a\x00b"`},
		{"leading NUL", "\x00ab", "#006162#"},
		{"leading high bit", "\xe2\x82\xacuro", "#E282AC75726F#"},
		{"control byte", "a\x01b", "#610162#"},
		{"byte 0x80 to 0xa0", "euro \xe2\x82\xac", "#6575726F20E282AC#"},
		{"DEL", "a\x7f", "#617F#"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(encodeAtom([]byte(tc.in))); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPrintAdvancedRoundTrip(t *testing.T) {
	in := listNode(atomNode([]byte("a")),
		listNode(atomNode([]byte("b")), atomNode([]byte("c d"))),
		atomNode([]byte("\x00\x01")),
		listNode(listNode(atomNode([]byte("e")))))
	var buf bytes.Buffer
	printAdvanced(&buf, in)
	// libgcrypt's layout: "(" below the top starts an indented line, an
	// atom is followed by a space unless ")" follows, and ")" followed by
	// an atom or ")" breaks the line.
	want := "(a \n (b \"c d\")\n #0001# \n (\n  (e)\n  )\n )\n"
	if buf.String() != want {
		t.Fatalf("got %q, want %q", buf.String(), want)
	}
	back, err := parseSexp(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if flatten(back) != flatten(in) {
		t.Errorf("round trip: got %s, want %s", flatten(back), flatten(in))
	}
}
