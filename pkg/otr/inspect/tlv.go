package inspect

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// tlvKind names a TLV type and, for SMP, the MPIs it carries.
type tlvKind struct {
	name string
	mpis []string
}

// The MPI names are the spec's, in the order the messages carry them.
var tlvKinds = map[uint16]tlvKind{
	wire.TLVPadding:      {name: "padding"},
	wire.TLVDisconnected: {name: "disconnected"},
	wire.TLVSMP1:         {name: "SMP1", mpis: []string{"g2a", "c2", "D2", "g3a", "c3", "D3"}},
	wire.TLVSMP2:         {name: "SMP2", mpis: []string{"g2b", "c2", "D2", "g3b", "c3", "D3", "Pb", "Qb", "cP", "D5", "D6"}},
	wire.TLVSMP3:         {name: "SMP3", mpis: []string{"Pa", "Qa", "cP", "D5", "D6", "Ra", "cR", "D7"}},
	wire.TLVSMP4:         {name: "SMP4", mpis: []string{"Rb", "cR", "D7"}},
	wire.TLVSMPAbort:     {name: "SMP abort"},
	wire.TLVSMP1Q:        {name: "SMP1Q", mpis: []string{"g2a", "c2", "D2", "g3a", "c3", "D3"}},
	wire.TLVExtraKey:     {name: "extra symmetric key"},
}

// TLVName names a TLV type ("unknown" for types OTR v3 does not define).
func TLVName(typ uint16) string {
	if k, ok := tlvKinds[typ]; ok {
		return k.name
	}
	return "unknown"
}

func describeTLV(t wire.TLV) TLV {
	k := tlvKinds[t.Type]
	out := TLV{Type: t.Type, Name: TLVName(t.Type), Length: len(t.Value)}
	switch t.Type {
	case wire.TLVPadding:
	case wire.TLVExtraKey:
		describeExtraKey(&out, t.Value)
	case wire.TLVSMP1Q:
		describeSMP1Q(&out, t.Value, k.mpis)
	default:
		out.Value = hexOf(t.Value)
		if k.mpis != nil {
			out.MPIs, out.Problem = smpMPIs(t.Value, k.mpis)
		}
	}
	return out
}

func describeExtraKey(out *TLV, v []byte) {
	out.Value = hexOf(v)
	if len(v) < 4 {
		out.Problem = fmt.Sprintf("%d bytes, needs at least 4 for the use", len(v))
		return
	}
	use := binary.BigEndian.Uint32(v)
	out.Use, out.Context = &use, hexOf(v[4:])
}

// describeSMP1Q: the question up to a NUL, then the SMP1 MPIs.
func describeSMP1Q(out *TLV, v []byte, names []string) {
	out.Value = hexOf(v)
	i := bytes.IndexByte(v, 0)
	if i < 0 {
		out.Problem = "no NUL after the question"
		return
	}
	out.Question = string(v[:i])
	out.MPIs, out.Problem = smpMPIs(v[i+1:], names)
}

func smpMPIs(v []byte, names []string) ([]MPI, string) {
	ns, err := wire.ParseMPIs(v, len(names))
	if err != nil {
		return nil, problemOf(err, InMessage).String()
	}
	mpis := make([]MPI, len(ns))
	for i, n := range ns {
		mpis[i] = MPI{Name: names[i], Value: Hex(n.Bytes())}
	}
	return mpis, ""
}
