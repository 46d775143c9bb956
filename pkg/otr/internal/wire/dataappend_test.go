package wire

import (
	"bytes"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"
)

// TestAppendDataHeadMatchesMarshal: the append-style encoder writes the
// bytes Data.AuthenticatedPart writes, leading zeros of the key dropped.
func TestAppendDataHeadMatchesMarshal(t *testing.T) {
	for _, v := range []uint16{2, 3} {
		for _, dh := range [][]byte{{0x12, 0x34}, {0, 0, 0x56}, bytes.Repeat([]byte{0xab}, 192)} {
			m := &Data{Header: Header{Version: v, SenderTag: 0x101, ReceiverTag: 0x202}, Flags: 1,
				SenderKeyID: 7, RecipientKeyID: 9, NextDH: new(big.Int).SetBytes(dh),
				Counter: [8]byte{0, 0, 0, 0, 0, 0, 1, 2}, Encrypted: []byte("ciphertext")}
			got := AppendDataHead([]byte("prefix"), m.Header, m.Flags, m.SenderKeyID, m.RecipientKeyID, dh, m.Counter, len(m.Encrypted))
			got = append(got, m.Encrypted...)
			if want := append([]byte("prefix"), m.AuthenticatedPart()...); !bytes.Equal(got, want) {
				t.Fatalf("v%d, key %x: got %x, want %x", v, dh[:3], got, want)
			}
		}
	}
}

// TestAppendDecodeMessage agrees with DecodeMessage, appends after what
// dst holds, and reuses dst's memory.
func TestAppendDecodeMessage(t *testing.T) {
	bin := bytes.Repeat([]byte{1, 2, 3, 250}, 40)
	enc := base64.StdEncoding.EncodeToString(bin)
	for _, line := range []string{
		"?OTR:" + enc + ".",
		"hi ?OTR:" + enc + ". trailing",
		"?OTR:" + enc[:20] + " \n" + enc[20:] + ".",
		"?OTR:" + enc,
		"?OTR:" + enc[:10] + "*" + enc[10:] + ".",
		"no marker",
	} {
		want, wantErr := DecodeMessage(line)
		dst := make([]byte, 2, 1024)
		got, err := AppendDecodeMessage(dst, line)
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("%.30q: error %v, want %v", line, err, wantErr)
		}
		if err == nil && (!bytes.Equal(got[2:], want) || &got[0] != &dst[0]) {
			t.Fatalf("%.30q: got %x, want %x after dst, in dst's memory", line, got, want)
		}
	}
	line := "?OTR:" + enc + "."
	buf := make([]byte, 0, 1024)
	if a := testing.AllocsPerRun(100, func() { _, _ = AppendDecodeMessage(buf, line) }); a != 0 {
		t.Fatalf("AppendDecodeMessage allocates %.0f times", a)
	}
	if !strings.HasPrefix(EncodeMessage(bin), "?OTR:") {
		t.Fatal("EncodeMessage")
	}
}

// TestDecodeDataIntoMatchesDecode: the same message, the same errors,
// whatever the reused Data held before.
func TestDecodeDataIntoMatchesDecode(t *testing.T) {
	m := &Data{Header: Header{Version: 3, SenderTag: 0x101, ReceiverTag: 0x202}, Flags: 1,
		SenderKeyID: 7, RecipientKeyID: 9, NextDH: big.NewInt(0x1234567),
		Counter: [8]byte{0, 0, 0, 0, 0, 0, 1, 2}, Encrypted: []byte("ciphertext"), OldMACKeys: bytes.Repeat([]byte{5}, 20)}
	good := m.Marshal()
	inputs := [][]byte{good, good[:len(good)-1], append(append([]byte{}, good...), 0), good[:2], {0, 4, 3}}
	other := (&DHKey{Header: Header{Version: 3, SenderTag: 0x101, ReceiverTag: 0x202}, Gy: big.NewInt(9)}).Marshal()
	var reused Data
	reused.NextDH = big.NewInt(0xdead)
	reused.OldMACKeys = []byte("stale")
	for i, in := range inputs {
		want, wantErr := Decode(in)
		err := DecodeDataInto(in, &reused)
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("input %d: error %v, want %v", i, err, wantErr)
		}
		if err != nil {
			continue
		}
		w := want.(*Data)
		if !bytes.Equal(reused.Marshal(), w.Marshal()) || !bytes.Equal(reused.Authenticated, w.Authenticated) {
			t.Fatalf("input %d: decoded differently", i)
		}
	}
	if err := DecodeDataInto(other, &reused); err != ErrNotData {
		t.Fatalf("a D-H Key message: %v, want ErrNotData", err)
	}
}

// TestDecodeDataViewMatchesDecode: DecodeDataView decodes what Decode
// does, with the same errors, and its Encrypted is the input's own bytes
// (no copy), while DecodeDataInto's is a copy.
func TestDecodeDataViewMatchesDecode(t *testing.T) {
	m := &Data{Header: Header{Version: 3, SenderTag: 0x101, ReceiverTag: 0x202}, Flags: 1,
		SenderKeyID: 7, RecipientKeyID: 9, NextDH: big.NewInt(0x1234567),
		Counter: [8]byte{0, 0, 0, 0, 0, 0, 1, 2}, Encrypted: []byte("ciphertext"), OldMACKeys: bytes.Repeat([]byte{5}, 20)}
	good := m.Marshal()
	for i, in := range [][]byte{good, good[:len(good)-1], append(append([]byte{}, good...), 0), good[:2], {0, 4, 3}} {
		want, wantErr := Decode(in)
		var view Data
		err := DecodeDataView(in, &view)
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("input %d: error %v, want %v", i, err, wantErr)
		}
		if err == nil && !bytes.Equal(view.Marshal(), want.(*Data).Marshal()) {
			t.Fatalf("input %d: decoded differently", i)
		}
	}
	var view, own Data
	if err := DecodeDataView(good, &view); err != nil {
		t.Fatal(err)
	}
	if err := DecodeDataInto(good, &own); err != nil {
		t.Fatal(err)
	}
	view.Encrypted[0] ^= 1
	if !bytes.Contains(good, view.Encrypted) || bytes.Contains(good, []byte("ciphertext")) {
		t.Fatal("DecodeDataView's Encrypted is not a view of its input")
	}
	if string(own.Encrypted) != "ciphertext" {
		t.Fatal("DecodeDataInto's Encrypted changed with its input")
	}
}

// TestDecodeDataViewKeepsNextDH: a reused Data decoding a run of messages
// with the same next D-H key, then another key, a broken message, a key
// with a leading zero and a NextDH replaced by the caller, always ends up
// with what Decode gives (the parse is skipped only for the same bytes into
// the same big.Int).
func TestDecodeDataViewKeepsNextDH(t *testing.T) {
	msg := func(next *big.Int, zero bool) []byte {
		m := &Data{Header: Header{Version: 3, SenderTag: 0x101, ReceiverTag: 0x202},
			SenderKeyID: 1, RecipientKeyID: 2, NextDH: next, Encrypted: []byte("x")}
		b := m.Marshal()
		if zero { // the same value as a non-minimal MPI: one more byte
			i := 11 + 1 + 8
			n := len(next.Bytes())
			b = append(append(append(b[:i:i], 0, 0, 0, byte(n+1), 0), next.Bytes()...), b[i+4+n:]...)
		}
		return b
	}
	a, c := new(big.Int).Lsh(big.NewInt(0xabcdef), 1000), new(big.Int).Lsh(big.NewInt(0x123457), 999)
	steps := [][]byte{msg(a, false), msg(a, false), msg(c, false), msg(c, false)[:30], msg(c, false), msg(a, true), msg(a, false)}
	var m Data
	for i, in := range steps {
		if i == 6 {
			m.NextDH = big.NewInt(5) // the caller's own big.Int
		}
		want, wantErr := Decode(in)
		err := DecodeDataView(in, &m)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("step %d: error %v, want %v", i, err, wantErr)
		}
		if err == nil && m.NextDH.Cmp(want.(*Data).NextDH) != 0 {
			t.Fatalf("step %d: next D-H key %x, want %x", i, m.NextDH, want.(*Data).NextDH)
		}
	}
	// The skip itself: the same bytes again leave the big.Int untouched
	// (changed here behind DecodeDataView's back, as callers must not).
	m.NextDH.SetInt64(7)
	if err := DecodeDataView(msg(a, false), &m); err != nil || m.NextDH.Int64() != 7 {
		t.Fatalf("the same next D-H key was parsed again (%v)", err)
	}
}
