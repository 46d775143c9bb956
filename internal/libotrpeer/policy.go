package libotrpeer

import (
	"fmt"
	"strconv"
	"strings"
)

// policyBits are libotr's OTRL_POLICY_* flags, by the names Options uses.
var policyBits = map[string]uint{
	"v2":              0x02,
	"v3":              0x04,
	"require":         0x08,
	"whitespace":      0x10,
	"ws-start-ake":    0x20,
	"error-start-ake": 0x40,
}

// policyArg turns an Options.Policy list into the helper's POLICY argument.
func policyArg(policy string) (string, error) {
	if strings.TrimSpace(policy) == "" {
		return "default", nil
	}
	var bits uint
	for _, name := range strings.Split(policy, ",") {
		bit, ok := policyBits[strings.TrimSpace(name)]
		if !ok {
			return "", fmt.Errorf("unknown policy flag %q (known: v2, v3, require, whitespace, ws-start-ake, error-start-ake)", name)
		}
		bits |= bit
	}
	return strconv.FormatUint(uint64(bits), 10), nil
}
