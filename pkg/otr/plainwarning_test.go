package otr

import "testing"

// A plaintext message to a conversation that was never private is not
// worth a warning (libotr warns only when encrypted, finished or required);
// the zero State is such a conversation.
func TestPlaintextWarningOnlyWhenPrivateOrRequired(t *testing.T) {
	for _, tc := range []struct {
		name    string
		state   MsgState
		require bool
		warn    bool
	}{
		{"new", "", false, false},
		{"plaintext", MsgPlaintext, false, false},
		{"required", "", true, true},
		{"encrypted", MsgEncrypted, false, true},
		{"finished", MsgFinished, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewConversation(Config{Policy: Policy{AllowV2: true, AllowV3: true, RequireEncryption: tc.require}})
			c.State.MsgState = tc.state
			res, err := c.Receive("hello there")
			if err != nil {
				t.Fatal(err)
			}
			warned := false
			for _, e := range res.Events {
				warned = warned || e.Kind == EventWarning
			}
			if warned != tc.warn {
				t.Fatalf("warning %v, want %v (events %+v)", warned, tc.warn, res.Events)
			}
		})
	}
}
