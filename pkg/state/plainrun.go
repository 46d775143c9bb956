package state

// plainRun is how many bytes at the start of s stand for themselves in a
// TOML basic string: no quote, backslash or control character (a tab
// aside, which the decoder takes as it is and the encoder escapes, so it
// ends a run). One table lookup per byte, where the escaping loops test
// each byte several ways.
func plainRun[T string | []byte](s T) int {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return i
		}
	}
	return len(s)
}

var plainByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\' && c != 0x7f
	}
	return t
}()
