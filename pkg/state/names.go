package state

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// maxFileName keeps escaped names (plus ".toml"/".lock") under the 255-byte
// limit of common file systems.
const maxFileName = 240

// fileName maps an arbitrary peer name to a safe file name, reversibly:
// letters, digits and "@+-_" stay, a "." stays unless it leads, and every
// other byte becomes %XX. So "bob@example.org/home pc" gives
// "bob@example.org%2Fhome%20pc".
func fileName(peer string) (string, error) {
	if peer == "" {
		return "", fmt.Errorf("%w: the name is empty", ErrPeerName)
	}
	var b strings.Builder
	for i := 0; i < len(peer); i++ {
		c := peer[i]
		if keepByte(c) || (c == '.' && i > 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if b.Len() > maxFileName {
		return "", fmt.Errorf("%w: %d bytes once escaped, at most %d", ErrPeerName, b.Len(), maxFileName)
	}
	return b.String(), nil
}

func keepByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '@' || c == '+' || c == '-' || c == '_'
}

// peerName reverses fileName.
func peerName(file string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(file); i++ {
		if file[i] != '%' {
			b.WriteByte(file[i])
			continue
		}
		if i+2 >= len(file) {
			return "", fmt.Errorf("%w: truncated escape in %q", ErrPeerName, file)
		}
		c, err := hex.DecodeString(file[i+1 : i+3])
		if err != nil {
			return "", fmt.Errorf("%w: bad escape in %q", ErrPeerName, file)
		}
		b.Write(c)
		i += 2
	}
	return b.String(), nil
}
