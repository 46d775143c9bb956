package libotrpeer

import "testing"

func TestParseRecord(t *testing.T) {
	tests := []struct {
		line, tag, key, want string
	}{
		{"wire text=3f4f54523f", "wire", "text", "?OTR?"},
		{"event smp_ask_for_answer progress=25 question=-", "event", "question", ""},
		{"event smp_ask_for_answer progress=25 question=-", "event", "progress", "25"},
		{"event gone_secure", "event", "kind", "gone_secure"},
		{"status msgstate=encrypted version=3", "status", "msgstate", "encrypted"},
		{"err text=6f6f7073", "err", "text", "oops"},
	}
	for _, tt := range tests {
		r, err := parseRecord(tt.line)
		if err != nil {
			t.Fatalf("parseRecord(%q): %v", tt.line, err)
		}
		if r.tag != tt.tag || r.fields[tt.key] != tt.want {
			t.Errorf("parseRecord(%q) = %q %q, want %s=%q", tt.line, r.tag, r.fields, tt.key, tt.want)
		}
	}
	for _, bad := range []string{"", "wire text=zz", "wire text"} {
		if _, err := parseRecord(bad); err == nil {
			t.Errorf("parseRecord(%q) accepted a malformed line", bad)
		}
	}
}

func TestEncodeArg(t *testing.T) {
	for in, want := range map[string]string{"": "-", "a b\n": "6120620a", "é": "c3a9"} {
		if got := encodeArg([]byte(in)); got != want {
			t.Errorf("encodeArg(%q) = %q, want %q", in, got, want)
		}
		if back, _ := decodeValue(want); back != in {
			t.Errorf("decodeValue(%q) = %q, want %q", want, back, in)
		}
	}
}
