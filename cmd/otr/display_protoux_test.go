package main

import (
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

// The JSON and text forms of what issue 10 added to events.
func TestRefreshAndAnsweredQuestionEvents(t *testing.T) {
	fp := make([]byte, 20)
	tests := []struct {
		e        shown
		json     string
		textHas  string
		textLack string
	}{
		{shown{Event: otr.Event{Kind: otr.EventSecure, Version: 3, Fingerprint: fp, SSID: make([]byte, 8), Refreshed: true}, Peer: "bob"},
			`{"event":"secure","peer":"bob","version":3,"fingerprint":"0000000000000000000000000000000000000000","trusted":false,"ssid":"0000000000000000","refreshed":true}`,
			"private conversation with bob refreshed (OTR v3)", "started"},
		{shown{Event: otr.Event{Kind: eventRefreshing}, Peer: "bob"}, `{"event":"refreshing","peer":"bob"}`,
			"refreshing the private conversation with bob", ""},
		{shown{Event: otr.Event{Kind: otr.EventSMPSucceeded, Question: "pet?\x1b[2J", HasQuestion: true}, Peer: "bob"},
			`{"event":"smp_succeeded","peer":"bob","question":"pet?\u001b[2J"}`,
			`this does not verify bob to you: ask your own question with otr smp start --peer bob`, "\x1b"},
		{shown{Event: otr.Event{Kind: otr.EventSMPFailed, Question: "pet?", HasQuestion: true}, Peer: "bob"},
			`{"event":"smp_failed","peer":"bob","question":"pet?"}`, "trust is unchanged", ""},
		{shown{Event: otr.Event{Kind: otr.EventSMPSucceeded}, Peer: "bob"}, `{"event":"smp_succeeded","peer":"bob"}`,
			"their fingerprint is now verified", ""},
	}
	for _, tc := range tests {
		if got := string(jsonLine(tc.e)); got != tc.json {
			t.Errorf("jsonLine(%s):\n got %s\nwant %s", tc.e.Kind, got, tc.json)
		}
		text := textLine(tc.e)
		if !strings.Contains(text, tc.textHas) || (tc.textLack != "" && strings.Contains(text, tc.textLack)) {
			t.Errorf("textLine(%s) = %q", tc.e.Kind, text)
		}
	}
}
