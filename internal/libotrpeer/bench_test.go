package libotrpeer

import "testing"

func TestBench(t *testing.T) {
	p := Start(t, Options{})
	for _, kind := range []string{"ake", "msg", "msg1", "smp"} {
		if d := p.Bench(kind, 3); d <= 0 {
			t.Errorf("Bench(%q, 3) = %v, want > 0", kind, d)
		}
	}
}

// BenchmarkLibotr reports libotr's own cost per operation, for comparison
// with the benchmarks of pkg/otr.
func BenchmarkLibotr(b *testing.B) {
	p := Start(b, Options{})
	for _, kind := range []string{"ake", "msg", "msg1", "smp"} {
		b.Run(kind, func(b *testing.B) {
			b.ReportMetric(float64(p.Bench(kind, b.N).Nanoseconds())/float64(b.N), "libotr-ns/op")
		})
	}
}
