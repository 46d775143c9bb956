package otr

import (
	"fmt"
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
	peer := newTestConversation(t, "carol", peerTag, peerPolicy(version))
	other := newTestConversation(t, "bob", victimTag, DefaultPolicy())
	f := &fixture{version: version, peer: peer, victim: other}
	var tr transcript
	tr.commit = f.start(t, other)
	tr.dhKey = must(t, peer, tr.commit)
	tr.revealSig = must(t, other, tr.dhKey)
	tr.sig = must(t, peer, tr.revealSig)
	must(t, other, tr.sig)
	tr.data = f.send(t, "a message from another session")
	// The commit above was the victim's own side; take one from the peer.
	tr.commit = f.start(t, peer)
	return tr
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

func lineName(n namedLine, detail string, args ...any) string {
	return n.name + "/" + fmt.Sprintf(detail, args...)
}
