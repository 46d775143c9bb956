package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHexArgNamesNoDigit: a key given in hex that is not hex is refused
// without quoting any of it (encoding/hex's error quoted the bad byte);
// good ones decode, in either case.
func TestHexArgNamesNoDigit(t *testing.T) {
	for _, bad := range []string{"00112233445566778899aabbccddeeQq", "0011223", "zz"} {
		_, err := hexArg("the AES key", bad, 0)
		if err == nil || strings.Contains(err.Error(), "Q") || strings.Contains(err.Error(), "U+") || strings.Contains(err.Error(), "zz") {
			t.Errorf("hexArg(%q): %v", bad, err)
		}
	}
	b, err := hexArg("the AES key", " 00FFaa10 ", 4)
	if err != nil || !bytes.Equal(b, []byte{0, 0xff, 0xaa, 0x10}) {
		t.Errorf("hexArg = %x, %v", b, err)
	}
}
