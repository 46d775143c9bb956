package wire

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDecodeRoundTrip(t *testing.T) {
	for _, m := range sampleMessages() {
		name := fmt.Sprintf("v%d type 0x%02x", m.Hdr().Version, m.Hdr().Type)
		bin := m.Marshal()
		got, err := Decode(bin)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if fmt.Sprintf("%T", got) != fmt.Sprintf("%T", m) || !sameMessage(got, m) {
			t.Errorf("%s: decoded %+v, want %+v", name, got, m)
		}
	}
}

func TestDecodeHeaderLayout(t *testing.T) {
	v3 := &DHKey{Header: Header{Version: 3, SenderTag: 0x01020304, ReceiverTag: 0x05060708}}
	v2 := &DHKey{Header: Header{Version: 2, SenderTag: 0x01020304}}
	tests := []struct {
		name string
		got  []byte
		want []byte
	}{
		{"v3 writes tags", v3.Marshal()[:11], []byte{0, 3, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8}},
		{"v2 has no tags", v2.Marshal(), []byte{0, 2, 0x0a, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		if !bytes.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %x, want %x", tt.name, tt.got, tt.want)
		}
	}
}

func TestDecodeTruncatedAtEveryOffset(t *testing.T) {
	for _, m := range sampleMessages() {
		bin := m.Marshal()
		for n := range len(bin) {
			if _, err := Decode(bin[:n]); !errors.Is(err, ErrMalformed) {
				t.Errorf("v%d type %x cut at %d/%d: err = %v", m.Hdr().Version, m.Hdr().Type, n, len(bin), err)
			}
		}
	}
}

func TestDecodeTrailingGarbage(t *testing.T) {
	for _, m := range sampleMessages() {
		if _, err := Decode(append(m.Marshal(), 0)); !errors.Is(err, ErrMalformed) {
			t.Errorf("v%d type %x with a trailing byte: err = %v", m.Hdr().Version, m.Hdr().Type, err)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	commit := &DHCommit{Header: Header{Version: 3, SenderTag: 0x100}, EncryptedGx: seq(1, 10), HashedGx: seq(2, 32)}
	good := commit.Marshal()
	tests := []struct {
		name  string
		input []byte
		is    error
	}{
		{"empty", nil, ErrMalformed},
		{"version 1", []byte{0, 1, 2, 0, 0, 0, 0}, ErrUnsupportedVersion},
		{"version 4", append([]byte{0, 4}, good[2:]...), ErrUnsupportedVersion},
		{"unknown type", append([]byte{0, 3, 0x99}, good[3:]...), ErrUnknownType},
		{"hashed gx 31 bytes", (&DHCommit{Header: Header{Version: 2}, HashedGx: seq(0, 31)}).Marshal(), ErrMalformed},
		{"revealed key 15 bytes", (&RevealSig{Header: Header{Version: 2}, Key: seq(0, 15)}).Marshal(), ErrMalformed},
		{"data length beyond input", withLength(good, 11, 0xffffffff), ErrMalformed},
		{"data length one too long", withLength(good, 11, 11), ErrMalformed},
	}
	for _, tt := range tests {
		if _, err := Decode(tt.input); !errors.Is(err, tt.is) || !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.is)
		}
	}
}

// withLength returns a copy of b with the INT at offset at replaced by n.
func withLength(b []byte, at int, n uint32) []byte {
	out := append([]byte{}, b...)
	copy(out[at:], AppendInt(nil, n))
	return out
}

func TestMarshalWritesOwnType(t *testing.T) {
	m := &Sig{Header: Header{Version: 3, Type: TypeData}}
	if got := m.Marshal()[2]; got != TypeSig {
		t.Errorf("type byte = %x, want %x", got, TypeSig)
	}
}

func TestDataAuthenticatedPart(t *testing.T) {
	for _, m := range sampleMessages() {
		d, ok := m.(*Data)
		if !ok {
			continue
		}
		bin := d.Marshal()
		want := d.AuthenticatedPart()
		if !bytes.HasPrefix(bin, want) || len(bin) != len(want)+MACLen+4+len(d.OldMACKeys) {
			t.Errorf("v%d: authenticated part is not the prefix up to the MAC", d.Version)
		}
		got, err := Decode(bin)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.(*Data).Authenticated, want) {
			t.Errorf("v%d: Authenticated = %x, want %x", d.Version, got.(*Data).Authenticated, want)
		}
	}
}

func TestDataAuthenticatedKeepsNonMinimalInput(t *testing.T) {
	d := &Data{Header: Header{Version: 2}, NextDH: bigFrom([]byte{5})}
	bin := d.Marshal()
	// Re-encode NextDH (at offset 12) as 00 05: same number, different bytes.
	odd := append(append(append([]byte{}, bin[:12]...), 0, 0, 0, 2, 0, 5), bin[17:]...)
	got, err := Decode(odd)
	if err != nil {
		t.Fatal(err)
	}
	auth := got.(*Data).Authenticated
	if !bytes.Equal(auth, odd[:len(auth)]) || bytes.Equal(auth, got.(*Data).AuthenticatedPart()) {
		t.Error("Authenticated must be the input bytes, not a re-encoding")
	}
}

// testdata/libotr-4.1.1-ake.txt holds AKE messages made by the installed
// libotr 4.1.1 (otrl_auth_start_v23 and otrl_auth_handle_commit): a v2
// D-H Commit, a v2 D-H Key and a v3 D-H Commit from instance 0x1234.
func TestDecodeLibotrMessages(t *testing.T) {
	raw, err := os.ReadFile("testdata/libotr-4.1.1-ake.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []Header{{Version: 2, Type: TypeDHCommit}, {Version: 2, Type: TypeDHKey}, {Version: 3, Type: TypeDHCommit, SenderTag: 0x1234}}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines", len(lines))
	}
	for i, line := range lines {
		bin, err := DecodeMessage(line)
		if err != nil || Classify(line) != KindEncoded {
			t.Fatalf("line %d: %v", i, err)
		}
		m, err := Decode(bin)
		if err != nil || *m.Hdr() != want[i] {
			t.Fatalf("line %d: %+v %v", i, m, err)
		}
		if !bytes.Equal(m.Marshal(), bin) || EncodeMessage(bin) != line {
			t.Errorf("line %d: re-encoding differs from libotr's", i)
		}
		if c, ok := m.(*DHCommit); ok && len(c.EncryptedGx) < 190 {
			t.Errorf("line %d: encrypted g^x of %d bytes", i, len(c.EncryptedGx))
		}
	}
}
