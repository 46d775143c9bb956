package otr

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Debug events for each AKE and SMP step, so that --debug shows an
// exchange as it happens ("AKE: sent D-H Commit (1/4), OTR v3"). They are
// made only for AKE and SMP messages, never on the data hot path.

var akeStepNames = map[byte]string{
	typeDHCommit:  "D-H Commit (1/4)",
	typeDHKey:     "D-H Key (2/4)",
	typeRevealSig: "Reveal Signature (3/4)",
	typeSig:       "Signature (4/4)",
}

// debugAKE notes an AKE message sent or received.
func debugAKE(res *Result, dir string, typ byte, version int) {
	if name, ok := akeStepNames[typ]; ok {
		res.event(Event{Kind: EventDebug, Text: fmt.Sprintf("AKE: %s %s, OTR v%d", dir, name, version)})
	}
}

// debugAKESent notes an outgoing AKE line: its version and type are the
// first three bytes of the encoded message.
func debugAKESent(res *Result, line string) {
	body, ok := strings.CutPrefix(line, "?OTR:")
	if !ok || len(body) < 4 {
		return
	}
	head, err := base64.StdEncoding.DecodeString(body[:4])
	if err != nil || len(head) < 3 {
		return
	}
	debugAKE(res, "sent", head[2], int(head[0])<<8|int(head[1]))
}

var smpStepNames = map[uint16]string{
	TLVSMP1: "step 1/4", TLVSMP1Q: "step 1/4 with a question", TLVSMP2: "step 2/4",
	TLVSMP3: "step 3/4", TLVSMP4: "step 4/4", TLVSMPAbort: "abort",
}

// debugSMP notes an SMP message sent or received.
func debugSMP(res *Result, dir string, typ uint16) {
	if name, ok := smpStepNames[typ]; ok {
		res.event(Event{Kind: EventDebug, Text: fmt.Sprintf("SMP: %s %s", dir, name)})
	}
}
