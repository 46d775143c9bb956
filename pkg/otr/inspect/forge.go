package inspect

import (
	"fmt"
	"strings"

	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// decodeData reads the data message in a line (the first "?OTR:" in it).
func decodeData(line string) (*wire.Data, error) {
	bin, err := wire.DecodeMessage(line)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotData, err)
	}
	msg, err := wire.Decode(bin)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotData, err)
	}
	d, ok := msg.(*wire.Data)
	if !ok {
		return nil, fmt.Errorf("%w: it is a %s message", ErrNotData, typeNames[msg.Hdr().Type])
	}
	return d, nil
}

// seal MACs m with macKey and encodes it as a wire line.
func seal(m *wire.Data, macKey []byte) string {
	copy(m.MAC[:], kdf.HMACSHA1(macKey, m.AuthenticatedPart()))
	return wire.EncodeMessage(m.Marshal())
}

func checkLen(name string, b []byte, n int) error {
	if len(b) != n {
		return fmt.Errorf("%w: %s must be %d bytes (%d hex digits), got %d bytes", ErrBadKey, name, n, 2*n, len(b))
	}
	return nil
}

// ReadResult is a data message opened with an AES key (otr_readforge).
type ReadResult struct {
	// MACValid: the MAC verifies with the MAC key of the AES key given.
	MACValid  bool       `json:"mac_valid"`
	Plaintext Hex        `json:"plaintext"`
	Decrypted *Decrypted `json:"decrypted"`
	// Forged is the new message, when a replacement text was given.
	Forged string `json:"forged,omitempty"`
}

// ForgeOptions say how ReadForge replaces the text.
type ForgeOptions struct {
	// Replace, when set, is the new text.
	Replace *string
	// KeepTLVs keeps the TLVs after the original text (libotr's tool
	// replaces the whole plaintext, dropping them).
	KeepTLVs bool
	// KeepLength keeps the ciphertext's length: the new text, with the
	// original TLVs, is padded with spaces to the old text's length and
	// must not be longer. Length is all an observer sees of a message.
	KeepLength bool
}

// ReadForge decrypts the data message in line with aesKey and, if asked,
// replaces its text, re-encrypts and re-MACs it with the MAC key that
// belongs to aesKey. Like otr_readforge it forges even when the MAC does
// not verify (then the key was wrong, or the message altered).
func ReadForge(line string, aesKey []byte, opts ForgeOptions) (ReadResult, error) {
	if err := checkLen("the AES key", aesKey, 16); err != nil {
		return ReadResult{}, err
	}
	m, err := decodeData(line)
	if err != nil {
		return ReadResult{}, err
	}
	macKey := kdf.MACKey(aesKey)
	plain, _ := kdf.AESCTR(aesKey, m.Counter[:], m.Encrypted)
	r := ReadResult{MACValid: macEqual(kdf.HMACSHA1(macKey, m.Authenticated), m.MAC[:]), Plaintext: plain, Decrypted: describePlaintext(plain)}
	r.Decrypted.Key, r.Decrypted.MACValid = "AES key "+Hex(aesKey).String(), r.MACValid
	if opts.Replace == nil {
		return r, nil
	}
	newPlain, err := replaceText(plain, *opts.Replace, opts)
	if err != nil {
		return ReadResult{}, err
	}
	m.Encrypted, _ = kdf.AESCTR(aesKey, m.Counter[:], newPlain)
	r.Forged = seal(m, macKey)
	return r, nil
}

// replaceText builds the new plaintext.
func replaceText(plain []byte, text string, opts ForgeOptions) ([]byte, error) {
	if !opts.KeepTLVs && !opts.KeepLength {
		return []byte(text), nil
	}
	old, rest, hasTLVs := strings.Cut(string(plain), "\x00")
	if opts.KeepLength {
		if len(text) > len(old) {
			return nil, fmt.Errorf("%w: the new text has %d bytes, the old one %d", ErrText, len(text), len(old))
		}
		text += strings.Repeat(" ", len(old)-len(text))
	}
	if hasTLVs {
		text += "\x00" + rest
	}
	return []byte(text), nil
}

// Modify is otr_modify: knowing (or guessing) that oldText sits at byte
// offset in the plaintext, flip the ciphertext's bits to make it newText
// (same length) and re-MAC with macKey. No decryption key is needed: CTR
// mode lets anyone change known plaintext. Unlike libotr's tool, the MAC
// need not verify first (use Verify for that).
func Modify(line string, macKey []byte, oldText, newText string, offset int) (string, error) {
	if err := checkLen("the MAC key", macKey, 20); err != nil {
		return "", err
	}
	if len(oldText) != len(newText) {
		return "", fmt.Errorf("%w: old and new text must have the same length (%d, %d)", ErrText, len(oldText), len(newText))
	}
	m, err := decodeData(line)
	if err != nil {
		return "", err
	}
	if offset < 0 || offset+len(oldText) > len(m.Encrypted) {
		return "", fmt.Errorf("%w: %d bytes at offset %d do not fit in the %d-byte message", ErrText, len(oldText), offset, len(m.Encrypted))
	}
	for i := range len(oldText) {
		m.Encrypted[offset+i] ^= oldText[i] ^ newText[i]
	}
	return seal(m, macKey), nil
}

// Verify reports whether the data message's MAC verifies with macKey.
func Verify(line string, macKey []byte) (bool, error) {
	m, err := decodeData(line)
	if err != nil {
		return false, err
	}
	return macEqual(kdf.HMACSHA1(macKey, m.Authenticated), m.MAC[:]), nil
}
