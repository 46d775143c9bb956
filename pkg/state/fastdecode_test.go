package state

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/otrtool/otr/internal/testkeys"
	"github.com/otrtool/otr/pkg/otr"
)

// generalDecode is the reference: the general TOML decoder alone.
func generalDecode[T any](data []byte) (*T, error) {
	v := new(T)
	_, err := DecodeTOML("f.toml", data, v)
	return v, err
}

// sameAsGeneral fails unless the fast path accepts data (when must is
// set) and, whenever it accepts it, decodes exactly what the general
// decoder does.
func sameAsGeneral[T any](t *testing.T, data []byte, must bool) {
	t.Helper()
	fast := new(T)
	ok := fastDecode(data, fast)
	if !ok {
		if must {
			t.Fatalf("the fast path declined a file this program writes:\n%s", data)
		}
		return
	}
	want, err := generalDecode[T](data)
	if err != nil {
		t.Fatalf("the fast path accepted what the general decoder refuses (%v):\n%q", err, data)
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("fast and general decoding differ:\nfast    %+v\ngeneral %+v\nfile:\n%q", fast, want, data)
	}
}

// conversationFiles runs a conversation through every stage (queued
// messages, AKE, data with key rotation, fragments half received, SMP
// half done and done, the end) and returns both sides' peer files after
// every call, as the store writes them.
func conversationFiles(t testing.TB) [][]byte {
	strict := otr.DefaultPolicy()
	strict.RequireEncryption = true
	alice := otr.NewConversation(otr.Config{PrivateKey: testkeys.Key(t, "alice"), InstanceTag: 0x1000, Policy: strict, FragmentSize: 120})
	bob := otr.NewConversation(otr.Config{PrivateKey: testkeys.Key(t, "bob"), InstanceTag: 0x2000, Policy: otr.DefaultPolicy()})
	var files [][]byte
	snap := func() {
		for i, c := range []*otr.Conversation{alice, bob} {
			p := NewPeer([]string{"bob", "alice"}[i])
			p.Touch(time.Now())
			if fp := c.State.TheirFingerprint(); fp != nil {
				p.See(fp, time.Now())
			}
			p.Session = c.State
			data, err := encodeTOML(p)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, data)
		}
	}
	deliver := func(to *otr.Conversation, lines []string) []string {
		var out []string
		for _, l := range lines {
			res, err := to.Receive(l)
			if err != nil && !errors.Is(err, otr.ErrFinished) {
				t.Fatalf("receive: %v", err)
			}
			out = append(out, res.Messages...)
			snap()
		}
		return out
	}
	res, err := alice.Send("queued \"first\"\n\tmessage ü") // queued: require-encryption
	if err != nil {
		t.Fatal(err)
	}
	snap()
	lines := res.Messages
	for turn := 0; len(lines) > 0; turn++ {
		lines = deliver([]*otr.Conversation{bob, alice}[turn%2], lines)
	}
	for i, text := range []string{"one", "two", "a reply that rotates", "and back"} {
		from, to := alice, bob
		if i%2 == 1 {
			from, to = bob, alice
		}
		res, err := from.Send(text)
		if err != nil {
			t.Fatal(err)
		}
		snap()
		deliver(to, res.Messages)
	}
	res, err = alice.Send(string(bytes.Repeat([]byte("long "), 100))) // fragments of 120
	if err != nil {
		t.Fatal(err)
	}
	deliver(bob, res.Messages[:len(res.Messages)-1]) // bob holds a partial message
	deliver(bob, res.Messages[len(res.Messages)-1:])
	res, err = alice.StartSMP([]byte("secret"), "the \"question\"?")
	if err != nil {
		t.Fatal(err)
	}
	snap()
	deliver(bob, res.Messages) // bob holds the question
	if res, err = bob.AnswerSMP([]byte("secret")); err != nil {
		t.Fatal(err)
	}
	snap()
	lines = res.Messages
	for turn := 0; len(lines) > 0; turn++ {
		lines = deliver([]*otr.Conversation{alice, bob}[turn%2], lines)
	}
	if res, err = bob.End(); err != nil {
		t.Fatal(err)
	}
	snap()
	deliver(alice, res.Messages)
	return files
}

func TestFastDecodeOfConversations(t *testing.T) {
	for _, data := range conversationFiles(t) {
		sameAsGeneral[Peer](t, data, true)
	}
}

func TestFastDecodeOfEveryField(t *testing.T) {
	var p Peer
	n := 0
	fill(t, reflect.ValueOf(&p).Elem(), &n)
	p.Name = "carol@example.org/laptop"
	data, err := encodeTOML(&p)
	if err != nil {
		t.Fatal(err)
	}
	sameAsGeneral[Peer](t, data, true)
	var got Peer
	if !fastDecode(data, &got) || !reflect.DeepEqual(got, p) {
		t.Fatalf("every field does not survive the fast path:\n%+v\n%+v", got, p)
	}
	for _, name := range []string{"alice", "bob"} {
		id := NewIdentity(testkeys.Key(t, name), 0x12345678, time.Now())
		id.Policy.RequireEncryption = true
		data, err := encodeTOML(id)
		if err != nil {
			t.Fatal(err)
		}
		sameAsGeneral[Identity](t, data, true)
	}
}

// Files the fast path must decline (the general decoder then refuses them
// or reads them its own way), and variations it may accept.
var fastDecodeCases = []string{
	"version = 1\nversion = 1\n",       // a key twice
	"[session]\n[session]\n",           // a table twice
	"[[known]]\n[known]\n",             // an array as a table
	"[known]\n",                        // likewise
	"[[session]]\n",                    // a table as an array
	"version = 1\r\r\n",                // a bare CR
	"version = 01\n",                   // a leading zero
	"version = +1\n",                   // a sign
	"version = 1_0\n",                  // an underscore
	"version = 1.0\n",                  // a float
	"version = 99999999999999999999\n", // out of range
	"version = \"1\"\n",                // a string for a number
	"peer = 1\n",                       // a number for a string
	"peer = 'bob'\n",                   // a literal string
	"peer = \"\"\"bob\"\"\"\n",         // a multi-line string
	"peer = \"b\\x\"\n",                // a bad escape
	"peer = \"b\\ud800\"\n",            // a surrogate
	"peer = \"b\\u00e9\\U0001F600\\n\\t\\\"\\\\\"\n",       // escapes
	"peer = \"b\x01\"\n",                                   // a control character
	"peer = \"bob\" # comment\n",                           // a comment
	"# comment\x01\n",                                      // a control character in a comment
	"peer = \"bob\" x\n",                                   // junk
	"peer = \"bob\n",                                       // unterminated
	"Peer = \"bob\"\n",                                     // a key's case
	"\"peer\" = \"bob\"\n",                                 // a quoted key
	"session.version = 3\n",                                // a dotted key
	"unknown = 1\n",                                        // an unknown key
	"[session]\nake = 1\n",                                 // a value for a table
	"[ session ]\nversion = 3\n",                           // spaces in a header
	"[session.ake]\nversion = 2\n[session]\nversion = 3\n", // a super-table after
	"[session]\nversion = 3\r\n  [session.ake]\r\n",        // CRLF
	"first_seen = 2024-01-02T03:04:05Z\n",                  // a datetime
	"first_seen = 2024-01-02T03:04:05.123456789Z\n",        // with nanoseconds
	"first_seen = 2024-01-02T03:04:05.Z\n",                 // an empty fraction
	"first_seen = 2024-01-02T03:04:05+01:00\n",             // an offset
	"first_seen = 2024-01-02 03:04:05Z\n",                  // a space
	"first_seen = 2024-01-02T03:04:05z\n",                  // a lower-case z
	"first_seen = 2024-02-30T03:04:05Z\n",                  // no such day
	"first_seen = \"2024-01-02T03:04:05Z\"\n",              // a string
	"[session]\npending = [\"a\", \"b\\n\"]\n",             // an array
	"[session]\npending = []\n",                            // empty
	"[session]\npending = [\"a\",]\n",                      // a trailing comma
	"[session]\npending = [\"a\" \"b\"]\n",                 // no comma
	"[session]\npending = [1]\n",                           // numbers
	"[session]\npending = [\n\"a\"]\n",                     // over lines
	"[session]\nwe_started_ake = true\nsaw_plaintext = false\n",
	"[session]\nwe_started_ake = truex\n",
	"[session]\nssid = \"0011\"\n",             // hex
	"[session]\nssid = \"001\"\n",              // odd hex
	"[session]\nssid = \"zz\"\n",               // not hex
	"[session]\ntheir_instance = -1\n",         // negative for unsigned
	"[session]\ntheir_instance = 4294967296\n", // too big for uint32
	"[[known]]\ntrust = \"smp\"\n[[known]]\ntrust = \"manual\"\n",
	"[[known]]\ntrust = \"smp\"\ntrust = \"smp\"\n",  // a key twice in an element
	"[session.smp]\nexpect = 2\nsecret = \"00ff\"\n", // an embedded struct's keys
	"[session.keys]\n[[session.keys.sessions]]\nour_key_id = 1\n[[session.keys.sessions]]\nour_key_id = 2\n",
	"\xef\xbb\xbfversion = 1\n", // a byte-order mark
	"version = 1\xff\n",         // not UTF-8
	"version=1\n\tpeer =\t\"x\"  \n",
}

func TestFastDecodeCases(t *testing.T) {
	for _, c := range fastDecodeCases {
		sameAsGeneral[Peer](t, []byte(c), false)
	}
	for _, c := range []string{"version = 1\nversion = 1\n", "[known]\n", "peer = \"b\x01\"\n", "version = 1.0\n"} {
		var p Peer
		if fastDecode([]byte(c), &p) {
			t.Errorf("the fast path accepted %q", c)
		}
	}
}

// TestDecodeStateFallsBack: a file the fast path declines still loads, or
// fails with the general decoder's error, from a zero value.
func TestDecodeStateFallsBack(t *testing.T) {
	var p Peer
	data := []byte("peer = \"bob\"\nversion = 1\n[session]\nversion = 3\nssid = 'aa'\n") // a literal string
	if err := decodeState("f.toml", data, &p); err != nil || p.Session.Version != 3 || string(p.Session.SSID) != "\xaa" {
		t.Fatalf("decodeState = %v, %+v", err, p)
	}
	data = []byte("peer = \"bob\"\nversion = 1\nunknown = 2\n")
	err := decodeState("f.toml", data, &p)
	_, want := generalDecode[Peer](data)
	var fe *FormatError
	if err == nil || !errors.As(err, &fe) || err.Error() != want.Error() {
		t.Fatalf("decodeState = %v, want %v", err, want)
	}
}

func FuzzFastDecode(f *testing.F) {
	for _, data := range conversationFiles(f) {
		f.Add(data)
	}
	for _, c := range fastDecodeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsGeneral[Peer](t, data, false)
		sameAsGeneral[Identity](t, data, false)
	})
}

// BenchmarkDecodePeer: the fast path next to the general decoder, on a
// peer file of an encrypted session.
func BenchmarkDecodePeer(b *testing.B) {
	files := conversationFiles(b)
	data := files[len(files)/2]
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			var p Peer
			if !fastDecode(data, &p) {
				b.Fatal("declined")
			}
		}
	})
	b.Run("general", func(b *testing.B) {
		for b.Loop() {
			var p Peer
			if _, err := toml.Decode(string(data), &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
