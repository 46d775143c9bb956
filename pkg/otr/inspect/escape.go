package inspect

import "strconv"

// printable is s with every byte that is not printable text (control
// characters such as ESC, invalid UTF-8, bidi overrides) escaped as in a
// Go string literal ("\x1b"), without the surrounding quotes: names from
// the wire can then never drive the terminal.
func printable(s string) string {
	q := strconv.Quote(s)
	if q = q[1 : len(q)-1]; q == s {
		return s
	}
	return q
}
