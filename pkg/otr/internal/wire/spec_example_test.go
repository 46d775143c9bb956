package wire

import (
	"encoding/hex"
	"strings"
	"testing"
)

// The fragmentation example of the v3 spec, section "Fragmentation".
var (
	specDataMessage = strings.Join([]string{
		"?OTR:AAMDJ+MVmSfjFZcAAAAAAQAAAAIAAADA1g5IjD1ZGLDVQEyCgCyn9hb",
		"rL3KAbGDdzE2ZkMyTKl7XfkSxh8YJnudstiB74i4BzT0W2haClg6dMary/jo",
		"9sMudwmUdlnKpIGEKXWdvJKT+hQ26h9nzMgEditLB8vjPEWAJ6gBXvZrY6ZQ",
		"rx3gb4v0UaSMOMiR5sB7Eaulb2Yc6RmRnnlxgUUC2alosg4WIeFN951PLjSc",
		"ajVba6dqlDi+q1H5tPvI5SWMN7PCBWIJ41+WvF+5IAZzQZYgNaVLbAAAAAAA",
		"AAAEAAAAHwNiIi5Ms+4PsY/L2ipkTtquknfx6HodLvk3RAAAAAA==.",
	}, "")
	specFragments = []string{
		"?OTR|5a73a599|27e31597,00001,00003,?OTR:AAMDJ+MVmSfjFZcAAAAA" +
			"AQAAAAIAAADA1g5IjD1ZGLDVQEyCgCyn9hbrL3KAbGDdzE2ZkMyTKl7XfkSx" +
			"h8YJnudstiB74i4BzT0W2haClg6dMary/jo9sMudwmUdlnKpIGEKXWdvJKT+" +
			"hQ26h9nzMgEditLB8v,",
		"?OTR|5a73a599|27e31597,00002,00003,jPEWAJ6gBXvZrY6ZQrx3gb4v0" +
			"UaSMOMiR5sB7Eaulb2Yc6RmRnnlxgUUC2alosg4WIeFN951PLjScajVba6dq" +
			"lDi+q1H5tPvI5SWMN7PCBWIJ41+WvF+5IAZzQZYgNaVLbAAAAAAAAAAEAAAA" +
			"HwNiIi5Ms+4PsY/L2i,",
		"?OTR|5a73a599|27e31597,00003,00003,pkTtquknfx6HodLvk3RAAAAAA" +
			"==.,",
	}
)

func TestSpecFragmentExample(t *testing.T) {
	for i, line := range specFragments {
		if Classify(line) != KindFragment {
			t.Errorf("fragment %d: Classify = %v", i+1, Classify(line))
		}
		f, err := ParseFragment(line)
		if err != nil || f.SenderTag != 0x5a73a599 || f.ReceiverTag != 0x27e31597 || f.String() != line {
			t.Errorf("fragment %d: %+v %v", i+1, f, err)
		}
	}
	msg := reassemble(t, specFragments, 3)
	if msg != specDataMessage {
		t.Fatalf("reassembled %q", msg)
	}
	if Classify(msg) != KindEncoded {
		t.Errorf("reassembled message classifies as %v", Classify(msg))
	}
	bin, err := DecodeMessage(msg)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode(bin)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := m.(*Data)
	if !ok {
		t.Fatalf("decoded a %T", m)
	}
	checkSpecData(t, d, bin)
}

func checkSpecData(t *testing.T, d *Data, bin []byte) {
	t.Helper()
	want := Header{Version: 3, Type: TypeData, SenderTag: 0x27e31599, ReceiverTag: 0x27e31597}
	if d.Header != want || d.Flags != 0 || d.SenderKeyID != 1 || d.RecipientKeyID != 2 {
		t.Errorf("header fields: %+v flags %d keyids %d %d", d.Header, d.Flags, d.SenderKeyID, d.RecipientKeyID)
	}
	if d.NextDH.BitLen() > 1536 || len(d.NextDH.Bytes()) != 192 {
		t.Errorf("next DH has %d bytes", len(d.NextDH.Bytes()))
	}
	if hex.EncodeToString(d.Counter[:]) != "0000000000000001" || hex.EncodeToString(d.Encrypted) != "c0d8888b932cfb" {
		t.Errorf("counter %x encrypted %x", d.Counter, d.Encrypted)
	}
	if hex.EncodeToString(d.MAC[:]) != "83ec63f2f68a9913b6aba49dfc7a1e874bbe4dd1" || len(d.OldMACKeys) != 0 {
		t.Errorf("MAC %x old keys %x", d.MAC, d.OldMACKeys)
	}
	if string(d.Marshal()) != string(bin) || len(d.Authenticated) != len(bin)-MACLen-4 {
		t.Error("re-marshal differs from the spec's bytes")
	}
}
