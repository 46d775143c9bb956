package inspect

import (
	"fmt"
	"github.com/otrtool/otr/pkg/otr/internal/kdf"
	"math/big"
	"strings"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// SessKeys is what otr_sesskeys shows for a D-H private key and the
// other side's public value, plus the v2/v3 values libotr's tool predates.
type SessKeys struct {
	// High: our public value is the larger, so we use 0x01 to send.
	High      bool `json:"high"`
	OurPublic Hex  `json:"our_public"`
	// SessionID is the tool's (OTR v1) session id: all of SHA-1(0x00||secbytes).
	SessionID Hex `json:"session_id"`
	SendAES   Hex `json:"send_aes"`
	SendMAC   Hex `json:"send_mac"`
	RecvAES   Hex `json:"recv_aes"`
	RecvMAC   Hex `json:"recv_mac"`
	// SSID is the v2/v3 secure session id, valid when these are the AKE's
	// D-H values: the first 8 bytes of SHA-256(0x00||secbytes).
	SSID Hex `json:"ssid"`
	// ExtraKey is the v3 extra symmetric key of this key pair.
	ExtraKey Hex `json:"extra_key"`
}

// ComputeSessKeys derives the session keys from our private D-H key and
// their public value (both big-endian). Their value must be in 2..p-2.
func ComputeSessKeys(ourPriv, theirPub []byte) (SessKeys, error) {
	s, err := sharedSecret(ourPriv, theirPub)
	if err != nil {
		return SessKeys{}, err
	}
	ourPub := group.ExpG(ourPriv)
	sb := kdf.SecBytes(s)
	k := SessKeys{OurPublic: ourPub.Bytes(), SessionID: kdf.H1(0x00, sb), SSID: kdf.H2(0x00, sb)[:8], ExtraKey: kdf.H2(0xff, sb)}
	k.High = ourPub.Cmp(new(big.Int).SetBytes(theirPub)) > 0
	send, recv := byte(0x02), byte(0x01)
	if k.High {
		send, recv = 0x01, 0x02
	}
	k.SendAES, k.RecvAES = kdf.H1(send, sb)[:16], kdf.H1(recv, sb)[:16]
	k.SendMAC, k.RecvMAC = kdf.MACKey(k.SendAES), kdf.MACKey(k.RecvAES)
	return k, nil
}

// LibotrText is the report exactly as otr_sesskeys prints it.
func (k SessKeys) LibotrText() string {
	end := "low"
	if k.High {
		end = "high"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nWe are the %s end of this key exchange.\n\n", end)
	fmt.Fprintf(&b, "Our public key: %s\n\n", k.OurPublic)
	fmt.Fprintf(&b, "Session id: %s\n\n", k.SessionID)
	fmt.Fprintf(&b, "Sending   AES key: %s\n", k.SendAES)
	fmt.Fprintf(&b, "Sending   MAC key: %s\n", k.SendMAC)
	fmt.Fprintf(&b, "Receiving AES key: %s\n", k.RecvAES)
	fmt.Fprintf(&b, "Receiving MAC key: %s\n\n", k.RecvMAC)
	return b.String()
}

// MACKeyText is otr_mackey's report.
func MACKeyText(aesKey []byte) string {
	return fmt.Sprintf("AES key: %s\nMAC key: %s\n", Hex(aesKey), Hex(kdf.MACKey(aesKey)))
}
