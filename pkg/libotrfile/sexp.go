package libotrfile

// sexp is one node of an s-expression: an atom (a byte string) or a list.
type sexp struct {
	atom   []byte
	list   []*sexp
	isList bool
	off    int // byte offset of the node in its file, for error messages
}

// head returns the first element of a list if it is an atom, else nil.
func (s *sexp) head() []byte {
	if !s.isList || len(s.list) == 0 || s.list[0].isList {
		return nil
	}
	return s.list[0].atom
}

// child returns the first sub-list of s whose head is name.
func (s *sexp) child(name string) *sexp {
	for _, c := range s.list {
		if c.isList && string(c.head()) == name {
			return c
		}
	}
	return nil
}

func atomNode(b []byte) *sexp { return &sexp{atom: b} }

func listNode(items ...*sexp) *sexp { return &sexp{list: items, isList: true} }

// Character classes of libgcrypt's s-expression syntax.
const tokenSpecials = "-./_:*+="

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isHexDigit(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isTokenChar(c byte) bool {
	return isAlpha(c) || isDigit(c) || c != 0 && containsByte(tokenSpecials, c)
}

func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\v', '\f', '\r', '\n':
		return true
	}
	return false
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}
