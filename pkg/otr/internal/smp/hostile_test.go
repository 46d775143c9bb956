package smp

import (
	"errors"
	"fmt"
	"math/big"
	"sync"
	"testing"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// fixture is one honest exchange: each message and the State of its
// receiver just before it arrives.
type fixture struct {
	msgs     [5][]*big.Int // msgs[k] is message k
	receiver [5]State      // receiver[k] is about to receive message k
	after    [2]State      // alice and bob after the exchange
}

var (
	fixtureOnce sync.Once
	theFixture  fixture
)

func honest(t testing.TB) *fixture {
	fixtureOnce.Do(func() {
		f := &theFixture
		alice, bob := &State{}, &State{}
		x, y := secrets("s", "s")
		f.receiver[1] = *bob
		f.msgs[1] = mustMsg(alice.Start(nil, x))
		f.receiver[2] = *alice
		_, _, _, err := bob.Receive(TypeMsg1, f.msgs[1])
		mustMsg(nil, err)
		f.msgs[2] = mustMsg(bob.Answer(nil, y))
		f.receiver[3] = *bob
		f.msgs[3], _, _, err = alice.Receive(TypeMsg2, f.msgs[2])
		mustMsg(nil, err)
		f.receiver[4] = *alice
		f.msgs[4], _, _, err = bob.Receive(TypeMsg3, f.msgs[3])
		mustMsg(nil, err)
		_, _, _, err = alice.Receive(TypeMsg4, f.msgs[4])
		mustMsg(nil, err)
		f.after = [2]State{*alice, *bob}
	})
	return &theFixture
}

func mustMsg(m []*big.Int, err error) []*big.Int {
	if err != nil {
		panic(err)
	}
	return m
}

var msgType = [5]uint16{0, TypeMsg1, TypeMsg2, TypeMsg3, TypeMsg4}

// Positions of group elements and exponents in each message.
var (
	elementAt  = [5][]int{nil, {0, 3}, {0, 3, 6, 7}, {0, 1, 5}, {0}}
	exponentAt = [5][]int{nil, {1, 2, 4, 5}, {1, 2, 4, 5, 8, 9, 10}, {2, 3, 4, 6, 7}, {1, 2}}
)

type hostileCase struct {
	name  string
	msg   int
	mpis  []*big.Int
	state State
	want  error
}

func withValue(m []*big.Int, i int, v *big.Int) []*big.Int {
	out := append([]*big.Int(nil), m...)
	out[i] = v
	return out
}

func hostileCases(t testing.TB) []hostileCase {
	f := honest(t)
	one := big.NewInt(1)
	badElements := map[string]*big.Int{
		"0": big.NewInt(0), "1": one, "p-1": new(big.Int).Sub(group.P, one),
		"p": group.P, "p+1": new(big.Int).Add(group.P, one), "nil": nil,
	}
	badExponents := map[string]*big.Int{"0": big.NewInt(0), "q": group.Q, "-1": big.NewInt(-1), "nil": nil}
	var cases []hostileCase
	add := func(name string, k int, mpis []*big.Int, want error) {
		cases = append(cases, hostileCase{fmt.Sprintf("message %d %s", k, name), k, mpis, f.receiver[k], want})
	}
	for k := 1; k <= 4; k++ {
		m := f.msgs[k]
		for _, i := range elementAt[k] {
			for vname, v := range badElements {
				add(fmt.Sprintf("element %d = %s", i, vname), k, withValue(m, i, v), ErrRange)
			}
		}
		for _, i := range exponentAt[k] {
			for vname, v := range badExponents {
				add(fmt.Sprintf("exponent %d = %s", i, vname), k, withValue(m, i, v), ErrRange)
			}
		}
		for i := range m {
			add(fmt.Sprintf("value %d + 1", i), k, withValue(m, i, new(big.Int).Add(m[i], one)), ErrProof)
		}
		add("one value short", k, m[:len(m)-1], ErrMalformed)
		add("one value extra", k, append(append([]*big.Int(nil), m...), one), ErrMalformed)
		add("no values", k, nil, ErrMalformed)
		for j := 1; j <= 4; j++ {
			if j != k {
				cases = append(cases, hostileCase{fmt.Sprintf("message %d while expecting %d", k, j), k, m, f.receiver[j], ErrState})
			}
		}
	}
	// Replays after the exchange, and message 1 again once answered.
	alice, bob := f.after[0], f.after[1]
	cases = append(cases,
		hostileCase{"replayed message 2", 2, f.msgs[2], alice, ErrState},
		hostileCase{"replayed message 3", 3, f.msgs[3], bob, ErrState},
		hostileCase{"replayed message 4", 4, f.msgs[4], alice, ErrState},
		hostileCase{"replayed message 1 after answering", 1, f.msgs[1], f.receiver[3], ErrState},
	)
	return cases
}

func TestHostileMessagesAbort(t *testing.T) {
	for _, tc := range hostileCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.state
			reply, typ, out, err := s.Receive(msgType[tc.msg], tc.mpis)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if out != Aborted || typ != TypeAbort || reply != nil {
				t.Fatalf("outcome %v reply type %d (%d values), want aborted with TLV 6", out, typ, len(reply))
			}
			if s.InProgress() || s.X3 != nil || s.Secret != nil {
				t.Fatal("state not reset to EXPECT1")
			}
		})
	}
}

// A message 1 while an earlier request waits is a new request (libotr asks
// the user again); it must not abort or complete anything.
func TestNewRequestReplacesPendingOne(t *testing.T) {
	f := honest(t)
	s := f.receiver[1]
	for i := 0; i < 2; i++ {
		if _, _, out, err := s.Receive(TypeMsg1, f.msgs[1]); err != nil || out != Request {
			t.Fatalf("request %d: %v %v", i, out, err)
		}
	}
}

// Simultaneous starts: each side's message 1 reaches a side expecting
// message 2; both abort, and the aborts leave both idle.
func TestSimultaneousStartResolves(t *testing.T) {
	alice, bob := &State{}, &State{}
	x, y := secrets("s", "s")
	m1a, err := alice.Start(nil, x)
	must(t, err, "alice Start")
	m1b, err := bob.Start(nil, y)
	must(t, err, "bob Start")
	_, typA, _, errA := alice.Receive(TypeMsg1, m1b)
	_, typB, _, errB := bob.Receive(TypeMsg1, m1a)
	if !errors.Is(errA, ErrState) || !errors.Is(errB, ErrState) || typA != TypeAbort || typB != TypeAbort {
		t.Fatalf("want both to abort: %v %v", errA, errB)
	}
	alice.Receive(TypeAbort, nil)
	bob.Receive(TypeAbort, nil)
	if alice.InProgress() || bob.InProgress() {
		t.Fatal("an abort left a side busy")
	}
	if _, err := alice.Start(nil, x); err != nil {
		t.Fatalf("restart after the clash: %v", err)
	}
}
