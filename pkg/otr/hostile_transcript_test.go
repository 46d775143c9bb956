package otr

import (
	"sync"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// transcript holds one honest message of each type of one version, made
// by another run of the AKE between the same instance tags: real messages
// whose keys the victim does not hold.
type transcript struct {
	commit, dhKey, revealSig, sig, data string
}

var (
	transcriptsOnce sync.Once
	transcripts     map[int]transcript
)

// foreign returns the honest transcript of the given version.
func foreign(t testing.TB, version int) transcript {
	t.Helper()
	transcriptsOnce.Do(func() {
		transcripts = map[int]transcript{}
		for _, v := range hostileVersions {
			transcripts[v] = makeTranscript(t, v)
		}
	})
	return transcripts[version]
}

func makeTranscript(t testing.TB, version int) transcript {
	t.Helper()
	var tr transcript
	// The peer answers: its D-H Key, Signature and a data message.
	f := transcriptPair(t, version)
	tr.dhKey = must(t, f.peer, f.start(t, f.victim))
	tr.sig = must(t, f.peer, must(t, f.victim, tr.dhKey))
	must(t, f.victim, tr.sig)
	tr.data = f.send(t, "a message from another session")
	// The peer starts: its D-H Commit and Reveal Signature.
	f = transcriptPair(t, version)
	tr.commit = f.start(t, f.peer)
	tr.revealSig = must(t, f.peer, must(t, f.victim, tr.commit))
	return tr
}

// transcriptPair is a peer (carol, with the peer's tag) and a stand-in
// for the victim, for making messages the real victim has no keys for.
func transcriptPair(t testing.TB, version int) *fixture {
	return &fixture{version: version,
		peer:   newTestConversation(t, "carol", peerTag, peerPolicy(version)),
		victim: newTestConversation(t, "bob", victimTag, DefaultPolicy()),
	}
}

// all lists the transcript's messages with their type names.
func (tr transcript) all() []namedLine {
	return []namedLine{{"dh_commit", tr.commit}, {"dh_key", tr.dhKey}, {"reveal_sig", tr.revealSig}, {"sig", tr.sig}, {"data", tr.data}}
}

type namedLine struct{ name, line string }

// lengthFields returns the offsets of every length prefix (DATA and MPI)
// in an encoded binary message.
func lengthFields(t testing.TB, bin []byte) []int {
	t.Helper()
	r := wire.NewReader(bin)
	version := r.Short("version")
	typ := r.Byte("type")
	if version == 3 {
		r.Int("sender")
		r.Int("receiver")
	}
	var at []int
	field := func(read func(string) []byte) { at = append(at, r.Offset()); read("") }
	data := func(s string) []byte { return r.Data(s) }
	mpi := func(s string) []byte { return r.MPI(s).Bytes() }
	switch typ {
	case wire.TypeDHCommit:
		field(data)
		field(data)
	case wire.TypeDHKey:
		field(mpi)
	case wire.TypeRevealSig:
		field(data)
		field(data)
	case wire.TypeSig:
		field(data)
	case wire.TypeData:
		r.Fixed(9, "flags and key ids")
		field(mpi)
		r.Fixed(8, "counter")
		field(data)
		r.Fixed(20, "MAC")
		field(data)
	default:
		t.Fatalf("type %#x", typ)
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	return at
}

// withLength returns a copy of bin with the INT at offset set to n.
func withLength(bin []byte, at int, n uint32) []byte {
	out := append([]byte(nil), bin...)
	out[at], out[at+1], out[at+2], out[at+3] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
	return out
}

func mustDecode(t testing.TB, line string) []byte {
	t.Helper()
	bin, err := wire.DecodeMessage(line)
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
