package inspect

import (
	"reflect"
	"testing"
)

// wantTranscript is what run's data messages carry, in order (pkg/otr
// answers the fake SMP messages with an abort).
var wantTranscript = []string{
	"alice:hello bob", "bob:hi alice+padding", "alice:+SMP1Q", "bob:+SMP abort",
	"bob:+SMP2", "alice:+SMP abort", "alice:+SMP3", "bob:+SMP abort", "bob:+SMP4",
	"alice:+SMP abort", "alice:+extra symmetric key", "bob:after the key", "alice:+disconnected",
}

// Every data message of a transcript decrypts with the sessions saved on
// the way, in both directions, and shows the texts and TLVs sent.
func TestDecryptTranscriptWithStates(t *testing.T) {
	s, _, _ := run(t, 0)
	p := Parser{Keys: s.history}
	var got []string
	for _, l := range s.lines {
		m := p.Parse(l.line)
		if m.Encoded == nil || m.Encoded.Data == nil {
			continue
		}
		d := m.Encoded.Data.Decrypted
		if d == nil || !d.MACValid {
			t.Fatalf("%s's data message not opened: %+v", l.from, m.Encoded.Data)
		}
		got = append(got, l.from+":"+summary(d))
	}
	if !reflect.DeepEqual(got, wantTranscript) {
		t.Errorf("decrypted transcript\n got %q\nwant %q", got, wantTranscript)
	}
}

// One saved state opens only the messages of the keys it still holds,
// and says which side sent them.
func TestDecryptWithOneState(t *testing.T) {
	lines, aliceState, _ := transcript(t, 0)
	keys := &Keyring{}
	keys.AddState(aliceState)
	p := Parser{Keys: keys}
	opened := map[string]string{}
	for _, l := range lines {
		m := p.Parse(l.line)
		if m.Encoded != nil && m.Encoded.Data != nil && m.Encoded.Data.Decrypted != nil {
			d := m.Encoded.Data.Decrypted
			opened[l.from+":"+summary(d)] = d.Direction
		}
	}
	want := map[string]string{"bob:after the key": DirReceived, "alice:+disconnected": DirSent}
	if !reflect.DeepEqual(opened, want) {
		t.Errorf("opened %v, want %v", opened, want)
	}
}

func TestTLVDetails(t *testing.T) {
	s, _, _ := run(t, 0)
	p := Parser{Keys: s.history}
	var smp1q, extra *TLV
	for _, l := range s.lines {
		m := p.Parse(l.line)
		if m.Encoded == nil || m.Encoded.Data == nil || m.Encoded.Data.Decrypted == nil {
			continue
		}
		for i, tl := range m.Encoded.Data.Decrypted.TLVs {
			switch tl.Name {
			case "SMP1Q":
				smp1q = &m.Encoded.Data.Decrypted.TLVs[i]
			case "extra symmetric key":
				extra = &m.Encoded.Data.Decrypted.TLVs[i]
			}
		}
	}
	if smp1q == nil || smp1q.Question != "colour?" || len(smp1q.MPIs) != 6 || smp1q.MPIs[0].Name != "g2a" || smp1q.MPIs[5].Value.String() != "03ed" {
		t.Errorf("SMP1Q shown as %+v", smp1q)
	}
	if extra == nil || extra.Use == nil || *extra.Use != 7 || string(extra.Context) != "file" {
		t.Errorf("extra key TLV shown as %+v", extra)
	}
}

// summary is the text and TLV names of a decrypted message.
func summary(d *Decrypted) string {
	s := d.Text
	for _, t := range d.TLVs {
		s += "+" + t.Name
	}
	return s
}
