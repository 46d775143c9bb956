package state

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/otrtool/otr/internal/testkeys"
)

// generalEncode is the reference: the general encoder alone.
func generalEncode(t testing.TB, v any) ([]byte, error) {
	var buf bytes.Buffer
	err := toml.NewEncoder(&buf).Encode(v)
	return buf.Bytes(), err
}

// encodesAsGeneral fails unless the fast path takes v (when must is set)
// and, whenever it does, writes exactly the general encoder's bytes.
func encodesAsGeneral(t *testing.T, v any, must bool) {
	t.Helper()
	fast, ok := fastEncode(nil, v)
	if !ok {
		if must {
			t.Fatalf("the fast path declined a value this program saves: %+v", v)
		}
		return
	}
	want, err := generalEncode(t, v)
	if err != nil {
		t.Fatalf("the fast path encoded what the general encoder refuses (%v): %+v", err, v)
	}
	if !bytes.Equal(fast, want) {
		t.Fatalf("fast and general encoding differ:\nfast:\n%s\ngeneral:\n%s", fast, want)
	}
}

func TestFastEncodeOfConversations(t *testing.T) {
	for _, data := range conversationFiles(t) {
		var p Peer
		if err := decodeState("f.toml", data, &p); err != nil {
			t.Fatal(err)
		}
		encodesAsGeneral(t, &p, true)
	}
}

func TestFastEncodeOfEveryField(t *testing.T) {
	var p Peer
	n := 0
	fill(t, reflect.ValueOf(&p).Elem(), &n)
	p.Session.Fragments.Buffer = "every byte: \x00\x01\x1f\x7f\b\t\n\f\r\"\\ é \xff"
	encodesAsGeneral(t, &p, true)
	encodesAsGeneral(t, NewPeer("new"), true)
	for _, name := range []string{"alice", "bob"} {
		id := NewIdentity(testkeys.Key(t, name), 0x12345678, time.Now())
		encodesAsGeneral(t, id, true)
	}
}

// TestFastEncodeQuirks: values where the general encoder does something
// particular, which the fast path matches or leaves to it.
func TestFastEncodeQuirks(t *testing.T) {
	local := time.FixedZone("datetime-local", 0)
	cases := []*Peer{
		{Known: []Known{}},   // an empty, non-nil array of tables
		{Known: []Known{{}}}, // an element all zero
		{FirstSeen: time.Date(2024, 1, 2, 3, 4, 5, 0, local)}, // a local datetime
		{FirstSeen: time.Date(2024, 1, 2, 3, 4, 5, 6, time.FixedZone("x", 3600))},
		{FirstSeen: time.Date(2024, 1, 2, 3, 4, 5, 0, time.Local)},
	}
	for _, p := range cases {
		p.Session.Pending = []string{}
		encodesAsGeneral(t, p, false)
		p.Session.Pending = []string{"", "a\"b"}
		encodesAsGeneral(t, p, false)
	}
	if _, ok := fastEncode(nil, cases[2]); ok {
		t.Error("the fast path wrote a local datetime")
	}
}

// FuzzFastEncode: whatever the general decoder makes of a file, the fast
// encoder writes it as the general encoder does, or leaves it to it.
func FuzzFastEncode(f *testing.F) {
	for _, data := range conversationFiles(f) {
		f.Add(data)
	}
	for _, c := range fastDecodeCases {
		f.Add([]byte(c))
	}
	f.Add([]byte("first_seen = 2024-01-02T03:04:05\n"))
	f.Add([]byte("[[known]]\nfirst_seen = 2024-01-02\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Peer
		if _, err := toml.Decode(string(data), &p); err == nil {
			encodesAsGeneral(t, &p, false)
		}
		var id Identity
		if _, err := toml.Decode(string(data), &id); err == nil {
			encodesAsGeneral(t, &id, false)
		}
	})
}

func BenchmarkEncodePeer(b *testing.B) {
	files := conversationFiles(b)
	var p Peer
	if err := decodeState("f.toml", files[len(files)/2], &p); err != nil {
		b.Fatal(err)
	}
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			if _, ok := fastEncode(nil, &p); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("general", func(b *testing.B) {
		for b.Loop() {
			if _, err := generalEncode(b, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
