package smp

import (
	"errors"
	"math/big"
	"testing"
)

// FuzzReceive feeds random MPIs of any TLV type to a State at each step of
// an honest exchange. Nothing may panic, and random values can never
// complete an exchange.
func FuzzReceive(f *testing.F) {
	fx := honest(f)
	for k := 1; k <= 4; k++ {
		f.Add(byte(k), byte(msgType[k]), encodeMPIs(fx.msgs[k]))
	}
	f.Add(byte(2), byte(TypeMsg2), []byte{0, 1, 0, 0, 2, 1, 1})
	f.Fuzz(func(t *testing.T, stage, tlvType byte, data []byte) {
		s := fx.receiver[1+int(stage)%4]
		mpis := decodeMPIs(data)
		_, typ, out, err := s.Receive(uint16(tlvType%9), mpis)
		if out == Succeeded || out == Failed {
			t.Fatalf("random input completed an exchange: %v", out)
		}
		if err != nil && out == Aborted && (typ != TypeAbort || s.InProgress()) {
			t.Fatalf("error %v without a clean abort", err)
		}
		if err != nil && out != Aborted && !errors.Is(err, ErrUnknownType) {
			t.Fatalf("error %v with outcome %v", err, out)
		}
	})
}

// decodeMPIs cuts data into numbers: a length byte, then that many bytes.
func decodeMPIs(data []byte) []*big.Int {
	var out []*big.Int
	for len(data) > 0 {
		n := int(data[0])
		data = data[1:]
		if n > len(data) {
			n = len(data)
		}
		out = append(out, new(big.Int).SetBytes(data[:n]))
		data = data[n:]
	}
	return out
}

// encodeMPIs is decodeMPIs' inverse for numbers of up to 255 bytes; longer
// ones are split, which still makes a useful seed.
func encodeMPIs(m []*big.Int) []byte {
	var out []byte
	for _, x := range m {
		b := x.Bytes()
		if len(b) > 255 {
			b = b[:255]
		}
		out = append(append(out, byte(len(b))), b...)
	}
	return out
}
