package otr

// Policy holds the OTR policy flags, named as in the specification and libotr.
type Policy struct {
	AllowV2            bool `toml:"allow_v2"`
	AllowV3            bool `toml:"allow_v3"`
	RequireEncryption  bool `toml:"require_encryption"`
	SendWhitespaceTag  bool `toml:"send_whitespace_tag"`
	WhitespaceStartAKE bool `toml:"whitespace_start_ake"`
	ErrorStartAKE      bool `toml:"error_start_ake"`
}

// DefaultPolicy allows versions 2 and 3 and starts the AKE on a whitespace
// tag or an OTR error, like libotr's OTRL_POLICY_DEFAULT, but does not send
// whitespace tags: they break bots and gateways of people without OTR.
func DefaultPolicy() Policy {
	return Policy{AllowV2: true, AllowV3: true, WhitespaceStartAKE: true, ErrorStartAKE: true}
}

// enabled reports whether OTR is on at all.
func (p Policy) enabled() bool { return p.AllowV2 || p.AllowV3 }

// allows reports whether protocol version v may be used.
func (p Policy) allows(v int) bool {
	return (v == 2 && p.AllowV2) || (v == 3 && p.AllowV3)
}
