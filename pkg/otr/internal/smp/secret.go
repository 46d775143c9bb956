package smp

import "crypto/sha256"

// secretVersion is the SMP version byte that starts the secret's hash input.
const secretVersion = 0x01

// Secret is the value SMP compares (spec "Secret information"): SHA-256 of
// the version, the fingerprint of the party that started this SMP run, the
// other party's fingerprint, the session id and the user's secret. Like
// libotr, the initiator passes (our, their) fingerprints and the responder
// (their, our), so both sides hash the same bytes.
func Secret(initiatorFP, responderFP, ssid, userSecret []byte) []byte {
	h := sha256.New()
	h.Write([]byte{secretVersion})
	h.Write(initiatorFP)
	h.Write(responderFP)
	h.Write(ssid)
	h.Write(userSecret)
	return h.Sum(nil)
}
