package wire

import (
	"bytes"
	"errors"
	"math/big"
	"strings"
	"testing"
)

// Seeds besides the committed corpus in testdata/fuzz.
func addMessageSeeds(f *testing.F) {
	for _, m := range sampleMessages() {
		f.Add(m.Marshal())
	}
}

func FuzzDecode(f *testing.F) {
	addMessageSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		bin := m.Marshal()
		again, err := Decode(bin)
		if err != nil || !sameMessage(m, again) || !bytes.Equal(again.Marshal(), bin) {
			t.Fatalf("decode→marshal→decode unstable: %v", err)
		}
		// Only non-minimal MPIs may make the re-encoding differ.
		if !bytes.Equal(bin, data) && len(bin) >= len(data) {
			t.Fatalf("re-encoding differs without shrinking: %x vs %x", bin, data)
		}
		if d, ok := m.(*Data); ok && !bytes.HasPrefix(data, d.Authenticated) {
			t.Fatal("Authenticated is not a prefix of the input")
		}
	})
}

func FuzzClassifyAndParse(f *testing.F) {
	for _, s := range []string{"hello", "?OTRv23?", "?OTR?v2?", "?OTRv", "?OTR", "?OTR Error: x",
		"a ?OTR Error: b", WhitespaceTag(true, true) + "hi", specDataMessage, specFragments[0],
		"?OTR,1,2,x,", "?OTR:AAMK."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		kind := Classify(line)
		checkKind(t, line, kind)
		if _, ok := ParseError(line); ok != (kind == KindError) {
			t.Fatalf("ParseError ok=%v but kind %v", ok, kind)
		}
		if _, _, ok := ParseQuery(line); ok && !strings.Contains(line, "?OTR") {
			t.Fatal("query without ?OTR")
		}
	})
}

func checkKind(t *testing.T, line string, kind Kind) {
	switch kind {
	case KindQuery:
		if _, _, ok := ParseQuery(line); !ok {
			t.Fatal("KindQuery but ParseQuery fails")
		}
	case KindError:
		text, _ := ParseError(line)
		if back, ok := ParseError(ErrorMessage(text)); !ok || back != text {
			t.Fatalf("error text %q does not round-trip", text)
		}
	case KindTaggedPlaintext:
		if _, _, stripped, found := FindWhitespaceTag(line); !found || len(stripped) > len(line)-len(whitespaceBase) {
			t.Fatal("tagged plaintext without a strippable tag")
		}
	case KindEncoded:
		if bin, err := DecodeMessage(line); err == nil {
			if back, err := DecodeMessage(EncodeMessage(bin)); err != nil || !bytes.Equal(back, bin) {
				t.Fatal("encoded message does not round-trip")
			}
		}
	case KindFragment:
		if fr, err := ParseFragment(line); err == nil {
			if back, err := ParseFragment(fr.String()); err != nil || back != fr {
				t.Fatalf("fragment %+v does not round-trip: %v", fr, err)
			}
		}
	}
}

func FuzzFragment(f *testing.F) {
	f.Add(strings.Join(specFragments, "\n"), uint16(0))
	f.Add(specDataMessage, uint16(60))
	f.Add("?OTR,1,2,ab,\n?OTR,2,2,cd,\n?OTR,1,1,x,", uint16(20))
	f.Fuzz(func(t *testing.T, data string, maxSize uint16) {
		var a Assembler
		for _, line := range strings.Split(data, "\n") {
			feed(t, &a, line)
		}
		checkFragmentize(t, data, int(maxSize))
	})
}

func feed(t *testing.T, a *Assembler, line string) {
	fr, err := ParseFragment(line)
	if err != nil {
		return
	}
	before := *a
	want := before.Buffer + fr.Piece
	if fr.K == 1 {
		want = fr.Piece
	}
	msg, complete, err := a.Add(fr)
	switch {
	case err != nil && *a != before && *a != (Assembler{}):
		t.Fatalf("failed Add changed state to %+v", *a)
	case complete && (*a != (Assembler{}) || msg != want):
		t.Fatalf("complete message %q from state %+v", msg, before)
	case a.K > a.N || (a.N == 0) != (a.K == 0) || len(a.Buffer) > MaxMessageSize:
		t.Fatalf("bad state %+v", *a)
	}
}

func checkFragmentize(t *testing.T, msg string, maxSize int) {
	for _, version := range []int{2, 3} {
		lines, err := Fragmentize(msg, version, 0x100, 0x200, maxSize)
		if err != nil || len(lines) == 1 {
			continue
		}
		var a Assembler
		for i, line := range lines {
			if len(line) > maxSize {
				t.Fatalf("line of %d > %d", len(line), maxSize)
			}
			fr, err := ParseFragment(line)
			if err != nil {
				t.Fatalf("v%d line %d %q: %v", version, i, line, err)
			}
			got, complete, err := a.Add(fr)
			if err != nil || complete != (i == len(lines)-1) || (complete && got != msg) {
				t.Fatalf("v%d line %d: %q %v %v", version, i, got, complete, err)
			}
		}
	}
}

func FuzzTLVs(f *testing.F) {
	f.Add([]byte("hello"))
	f.Add(JoinPlaintext([]byte("hi"), []TLV{{Type: TLVSMP1Q, Value: append([]byte("q?\x00"), AppendMPIs(nil, nil)...)}, {Type: TLVDisconnected}}))
	f.Add(AppendMPIs(nil, []*big.Int{bigFrom([]byte{1}), bigFrom(seq(0x80, 192))}))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, tlvs, err := SplitPlaintext(data)
		if err == nil {
			joined := JoinPlaintext(text, tlvs)
			if !bytes.Equal(joined, data) && !bytes.Equal(append(joined, 0), data) {
				t.Fatalf("split/join changed %x into %x", data, joined)
			}
		}
		if tlvs, err := ParseTLVs(data); err == nil {
			var b []byte
			for _, tlv := range tlvs {
				b = AppendTLV(b, tlv)
			}
			if !bytes.Equal(b, data) {
				t.Fatal("TLV re-encoding differs")
			}
		}
		checkMPIs(t, data)
	})
}

func checkMPIs(t *testing.T, data []byte) {
	for want := range 8 {
		ns, err := ParseMPIs(data, want)
		if err != nil {
			continue
		}
		again, err := ParseMPIs(AppendMPIs(nil, ns), want)
		if err != nil || len(again) != want {
			t.Fatalf("MPIs do not round-trip: %v", err)
		}
		for i := range ns {
			if ns[i].Cmp(again[i]) != 0 {
				t.Fatalf("MPI %d changed", i)
			}
		}
	}
}
