package otr

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/group"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// smpStage is a victim in an encrypted session at one point of an SMP
// exchange, with the honest SMP message the peer would send next.
type smpStage struct {
	name   string
	f      *fixture
	typ    uint16
	honest []*big.Int
}

// smpStages drives honest exchanges to each point where the victim waits
// for message 1, 2, 3 or 4. The honest next message is read back from the
// peer's line with the victim's keys (openData changes nothing).
func smpStages(t *testing.T, version int) []smpStage {
	secret := []byte("shared secret")
	var stages []smpStage
	// Victim idle, the peer starts: message 1.
	f := getFixture(t, version, "encrypted")
	l1 := first(t)(f.peer.StartSMP(secret, ""))
	stages = append(stages, f.stage(t, "expect1", l1))
	// Victim starts, the peer answers: message 2, then message 4.
	f = getFixture(t, version, "encrypted")
	l2 := first(t)(f.victim.StartSMP(secret, ""))
	must(t, f.peer, l2)
	l2 = first(t)(f.peer.AnswerSMP(secret))
	stages = append(stages, f.stage(t, "expect2", l2))
	g := f.clone(t)
	l4 := must(t, g.peer, must(t, g.victim, l2))
	stages = append(stages, g.stage(t, "expect4", l4))
	// The peer starts, the victim answers: message 3.
	f = getFixture(t, version, "encrypted")
	must(t, f.victim, first(t)(f.peer.StartSMP(secret, "")))
	l3 := must(t, f.peer, first(t)(f.victim.AnswerSMP(secret)))
	stages = append(stages, f.stage(t, "expect3", l3))
	return stages
}

func first(t *testing.T) func(Result, error) string {
	return func(res Result, err error) string {
		t.Helper()
		if err != nil || len(res.Messages) != 1 {
			t.Fatalf("%v, %d messages", err, len(res.Messages))
		}
		return res.Messages[0]
	}
}

// stage reads the SMP TLV out of the peer's line without delivering it.
func (f *fixture) stage(t *testing.T, name, line string) smpStage {
	t.Helper()
	plain, _, _, _, err := f.victim.openData(decodeLine(t, line).(*wire.Data))
	if err != nil {
		t.Fatal(err)
	}
	_, tlvs, err := wire.SplitPlaintext(plain)
	if err != nil || len(tlvs) != 1 {
		t.Fatalf("%v, %d TLVs", err, len(tlvs))
	}
	_, _, mpis, err := parseSMPTLV(tlvs[0])
	if err != nil {
		t.Fatal(err)
	}
	return smpStage{name: name, f: f, typ: tlvs[0].Type, honest: mpis}
}

// smpElementAt are the positions of group elements in messages 1 to 4
// (TLV types 2 to 5); the other values are exponents.
var smpElementAt = map[uint16][]int{TLVSMP1: {0, 3}, TLVSMP2: {0, 3, 6, 7}, TLVSMP3: {0, 1, 5}, TLVSMP4: {0}}

// smpMutations are the hostile variants of an honest SMP message.
func (s smpStage) mutations() map[string]TLV {
	out := map[string]TLV{}
	withValue := func(i int, v *big.Int) TLV {
		m := append([]*big.Int(nil), s.honest...)
		m[i] = v
		return TLV{Type: s.typ, Value: wire.AppendMPIs(nil, m)}
	}
	isElement := map[int]bool{}
	for _, i := range smpElementAt[s.typ] {
		isElement[i] = true
	}
	one := big.NewInt(1)
	for i, v := range s.honest {
		out[fmt.Sprintf("value %d +1", i)] = withValue(i, new(big.Int).Add(v, one))
		bad := map[string]*big.Int{"0": big.NewInt(0), "q": group.Q, "p": group.P}
		if isElement[i] {
			bad = map[string]*big.Int{"0": big.NewInt(0), "1": one, "p-1": new(big.Int).Sub(group.P, one), "p": group.P}
		}
		for name, b := range bad {
			out[fmt.Sprintf("value %d = %s", i, name)] = withValue(i, b)
		}
	}
	n := len(s.honest)
	out["one value short"] = TLV{Type: s.typ, Value: wire.AppendMPIs(nil, s.honest[:n-1])}
	out["one value more"] = TLV{Type: s.typ, Value: wire.AppendMPIs(nil, append(append([]*big.Int(nil), s.honest...), one))}
	full := wire.AppendMPIs(nil, s.honest)
	out["count off by one"] = TLV{Type: s.typ, Value: append(wire.AppendInt(nil, uint32(n+1)), full[4:]...)}
	out["trailing byte"] = TLV{Type: s.typ, Value: append(full, 0)}
	out["empty"] = TLV{Type: s.typ}
	// Every other SMP message type, well-formed: out of order here.
	for typ, count := range smpMPICounts {
		if typ == s.typ || (s.typ == TLVSMP1 && typ == TLVSMP1Q) {
			continue
		}
		junk := make([]*big.Int, count)
		for i := range junk {
			junk[i] = big.NewInt(int64(i + 5))
		}
		value := wire.AppendMPIs(nil, junk)
		if typ == TLVSMP1Q {
			value = append([]byte("question?\x00"), value...)
		}
		out[fmt.Sprintf("out of order type %d", typ)] = TLV{Type: typ, Value: value}
	}
	out["question without NUL"] = TLV{Type: TLVSMP1Q, Value: []byte("no terminator")}
	return out
}

// TestHostileSMP: at every stage of an exchange, every hostile variant of
// the expected SMP message (each value +1, out of range, wrong counts,
// trailing bytes, out of order, a question without NUL) aborts the
// exchange with an error event and a TLV 6 to the peer, and never
// succeeds; the honest message is the control.
func TestHostileSMP(t *testing.T) {
	for _, v := range hostileVersions {
		for _, s := range smpStages(t, v) {
			t.Run(fmt.Sprintf("v%d/%s", v, s.name), func(t *testing.T) {
				honest := s.f.clone(t)
				d := deliver(t, honest.victim, first(t)(honest.peer.SendWith("", SendOptions{TLVs: []TLV{{Type: s.typ, Value: wire.AppendMPIs(nil, s.honest)}}})))
				if d.err != nil || d.hasEvent(EventError) || d.hasEvent(EventSMPAborted) {
					t.Fatalf("honest message refused: %v %v", d.err, d.kinds())
				}
				for name, tlv := range s.mutations() {
					t.Run(name, func(t *testing.T) { s.f.clone(t).smpAborts(t, tlv) })
				}
			})
		}
	}
}

// smpAborts delivers tlv from the peer and checks the victim aborts.
func (f *fixture) smpAborts(t *testing.T, tlv TLV) {
	t.Helper()
	d := deliver(t, f.victim, first(t)(f.peer.SendWith("", SendOptions{TLVs: []TLV{tlv}})))
	switch {
	case d.err != nil:
		t.Fatalf("the data message carrying SMP was refused: %v", d.err)
	case !d.hasEvent(EventError) || !d.hasEvent(EventSMPAborted):
		t.Fatalf("events %v, want an error and smp_aborted", d.kinds())
	case d.hasEvent(EventSMPSucceeded) || d.hasEvent(EventSMPFailed) || d.hasEvent(EventSMPRequest):
		t.Fatalf("hostile SMP went on: %v", d.kinds())
	case f.victim.SMPInProgress() || f.victim.State.SMP.HasQuestion:
		t.Fatal("SMP still in progress after an abort")
	case len(d.res.Messages) != 1:
		t.Fatalf("%d replies, want the TLV 6", len(d.res.Messages))
	}
	res, err := f.peer.Receive(d.res.Messages[0])
	if err != nil || !hasKind(res, EventSMPAborted) {
		t.Fatalf("the peer did not see an abort: %v %v", err, res.Events)
	}
}
