package otr

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// secBytes is the spec's "secbytes": the shared secret as a minimal MPI.
func secBytes(s *big.Int) []byte { return wire.AppendMPI(nil, s) }

// h2 is SHA-256 of b followed by secbytes.
func h2(b byte, secbytes []byte) []byte {
	h := sha256.New()
	h.Write([]byte{b})
	h.Write(secbytes)
	return h.Sum(nil)
}

// h1 is SHA-1 of b followed by secbytes.
func h1(b byte, secbytes []byte) []byte {
	h := sha1.New()
	h.Write([]byte{b})
	h.Write(secbytes)
	return h.Sum(nil)
}

// akeKeys are the values the AKE derives from its shared secret.
type akeKeys struct {
	ssid             []byte // 8 bytes
	c, cPrime        []byte // AES-128 keys for the reveal-signature and signature messages
	m1, m2, m1p, m2p []byte // SHA256-HMAC keys
}

func deriveAKEKeys(s *big.Int) akeKeys {
	sb := secBytes(s)
	cc := h2(0x01, sb)
	return akeKeys{
		ssid: h2(0x00, sb)[:8],
		c:    cc[:16], cPrime: cc[16:],
		m1: h2(0x02, sb), m2: h2(0x03, sb), m1p: h2(0x04, sb), m2p: h2(0x05, sb),
	}
}

// deriveSessionKeys computes the data-message keys of one key pair; we are
// the "high" end when our public value is the larger.
func deriveSessionKeys(ourPriv, ourPub, theirPub []byte) SessionKeys {
	s := dh(theirPub, ourPriv)
	sb := secBytes(s)
	sendByte, recvByte := byte(0x02), byte(0x01)
	if new(big.Int).SetBytes(ourPub).Cmp(new(big.Int).SetBytes(theirPub)) > 0 {
		sendByte, recvByte = 0x01, 0x02
	}
	sendAES := h1(sendByte, sb)[:16]
	recvAES := h1(recvByte, sb)[:16]
	sendMAC := sha1.Sum(sendAES)
	recvMAC := sha1.Sum(recvAES)
	return SessionKeys{
		SendAES: sendAES, SendMAC: sendMAC[:],
		RecvAES: recvAES, RecvMAC: recvMAC[:],
		ExtraKey: h2(0xFF, sb),
	}
}

// aesCTR encrypts or decrypts data with AES-128 in counter mode, the
// counter's top half given (the bottom half starts at zero).
func aesCTR(key []byte, topHalf [8]byte, data []byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic("otr: AES key of wrong size") // keys are always derived as 16 bytes
	}
	var iv [16]byte
	copy(iv[:8], topHalf[:])
	out := make([]byte, len(data))
	cipher.NewCTR(block, iv[:]).XORKeyStream(out, data)
	return out
}

// hmacSHA256 returns the SHA256-HMAC of the concatenated parts.
func hmacSHA256(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// hmacSHA1 returns the SHA1-HMAC of data.
func hmacSHA1(key, data []byte) []byte {
	m := hmac.New(sha1.New, key)
	m.Write(data)
	return m.Sum(nil)
}
