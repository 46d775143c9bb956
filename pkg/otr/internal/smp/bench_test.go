package smp

import "testing"

// BenchmarkSMPExchange is a whole successful exchange, both sides.
func BenchmarkSMPExchange(b *testing.B) {
	x, y := secrets("same", "same")
	alice, bob := &State{}, &State{}
	exchange{t: b}.run(alice, bob, x, y) // builds the g table outside the loop
	for b.Loop() {
		if a, o := (exchange{t: b}).run(alice, bob, x, y); a != Succeeded || o != Succeeded {
			b.Fatalf("outcomes %v %v", a, o)
		}
	}
}
