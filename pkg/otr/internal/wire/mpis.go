package wire

import (
	"fmt"
	"math/big"
)

// AppendMPIs appends an SMP TLV payload: the INT count, then the MPIs.
func AppendMPIs(b []byte, ns []*big.Int) []byte {
	b = AppendInt(b, uint32(len(ns)))
	for _, n := range ns {
		b = AppendMPI(b, n)
	}
	return b
}

// ParseMPIs reads an SMP TLV payload that must hold exactly want MPIs and
// nothing after them.
func ParseMPIs(b []byte, want int) ([]*big.Int, error) {
	r := NewReader(b)
	count := r.Int("MPI count")
	if r.Err() != nil {
		return nil, r.Err()
	}
	if uint64(count) != uint64(want) {
		return nil, fieldErr("MPI count", 0, fmt.Sprintf("%d MPIs, want %d", count, want))
	}
	ns := make([]*big.Int, 0, want)
	for i := range want {
		ns = append(ns, r.MPI(fmt.Sprintf("MPI %d", i+1)))
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	return ns, nil
}
