package otr

import (
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/kdf"
)

// akeKeys are the values the AKE derives from its shared secret.
type akeKeys struct {
	ssid             []byte // 8 bytes
	c, cPrime        []byte // AES-128 keys for the reveal-signature and signature messages
	m1, m2, m1p, m2p []byte // SHA256-HMAC keys
}

func deriveAKEKeys(s *big.Int) akeKeys {
	sb := kdf.SecBytes(s)
	cc := kdf.H2(0x01, sb)
	return akeKeys{
		ssid: kdf.H2(0x00, sb)[:8],
		c:    cc[:16], cPrime: cc[16:],
		m1: kdf.H2(0x02, sb), m2: kdf.H2(0x03, sb), m1p: kdf.H2(0x04, sb), m2p: kdf.H2(0x05, sb),
	}
}

// deriveSessionKeys computes the data-message keys of one key pair; we are
// the "high" end when our public value is the larger.
func deriveSessionKeys(ourPriv, ourPub, theirPub []byte) SessionKeys {
	sb := kdf.SecBytes(dh(theirPub, ourPriv))
	sendByte, recvByte := byte(0x02), byte(0x01)
	if new(big.Int).SetBytes(ourPub).Cmp(new(big.Int).SetBytes(theirPub)) > 0 {
		sendByte, recvByte = 0x01, 0x02
	}
	sendAES, recvAES := kdf.H1(sendByte, sb)[:16], kdf.H1(recvByte, sb)[:16]
	return SessionKeys{
		SendAES: sendAES, SendMAC: kdf.MACKey(sendAES),
		RecvAES: recvAES, RecvMAC: kdf.MACKey(recvAES),
		ExtraKey: kdf.H2(0xFF, sb),
	}
}

// aesCTR is kdf.AESCTR for the keys this package derives, which are
// always 16 bytes.
func aesCTR(key []byte, topHalf [8]byte, data []byte) []byte {
	out, err := kdf.AESCTR(key, topHalf[:], data)
	if err != nil {
		panic("otr: derived AES key of wrong size")
	}
	return out
}
