package wire

import (
	"bytes"
	"math/big"
)

// keptMPI remembers the bytes an MPI was last parsed from into which
// big.Int, so that the same bytes into the same big.Int need no parsing.
// The big.Int must not be changed by anyone else in between.
type keptMPI struct {
	of  *big.Int
	raw []byte
}

// mpiKept is mpiInto, except that it leaves z as it is when z was set by
// the last call from the same bytes.
func (r *Reader) mpiKept(z *big.Int, kept *keptMPI, field string) *big.Int {
	b := r.lengthPrefixed(field)
	if r.err != nil {
		return nil
	}
	if len(b) > 0 && b[0] == 0 {
		r.nonMinimal = true
	}
	if kept.of == z && bytes.Equal(kept.raw, b) {
		return z
	}
	kept.of, kept.raw = nil, append(kept.raw[:0], b...)
	z.SetBytes(b)
	kept.of = z
	return z
}
