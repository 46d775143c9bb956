package libotrpeer

import "testing"

func TestBench(t *testing.T) {
	p := Start(t, Options{})
	tests := []struct {
		kind string
		n    int
	}{{"ake", 3}, {"msg", 3}, {"msg1", 3}, {"smp", 1}, {"keygen", 1}} // one libotr SMP costs ~0.1 s
	for _, tt := range tests {
		if d := p.Bench(tt.kind, tt.n); d <= 0 {
			t.Errorf("Bench(%q, %d) = %v, want > 0", tt.kind, tt.n, d)
		}
	}
}

// BenchmarkLibotr reports libotr's own cost per operation, for comparison
// with the benchmarks of pkg/otr.
func BenchmarkLibotr(b *testing.B) {
	p := Start(b, Options{})
	for _, kind := range []string{"ake", "msg", "msg1", "smp", "keygen"} {
		b.Run(kind, func(b *testing.B) {
			b.ReportMetric(float64(p.Bench(kind, b.N).Nanoseconds())/float64(b.N), "libotr-ns/op")
		})
	}
}
