package smp

import (
	"fmt"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/group"
)

// field is one received MPI with its spec name, for error messages.
type field struct {
	name  string
	value *big.Int
}

// checkCount rejects a message with the wrong number of MPIs.
func checkCount(msg string, mpis []*big.Int, want int) error {
	if len(mpis) != want {
		return fmt.Errorf("%w: %s has %d values, want %d", ErrMalformed, msg, len(mpis), want)
	}
	return nil
}

// checkElements demands 2 <= x <= p-2 of each group element.
func checkElements(msg string, fields ...field) error {
	for _, f := range fields {
		if !group.InRange(f.value) {
			return fmt.Errorf("%w: %s %s is not a group element", ErrRange, msg, f.name)
		}
	}
	return nil
}

// checkExponents demands 1 <= x <= q-1 of each exponent. libotr checks
// only the D values; we check the c values too, which a hash always
// passes, so that no huge number reaches an exponentiation.
func checkExponents(msg string, fields ...field) error {
	for _, f := range fields {
		if f.value == nil || f.value.Sign() <= 0 || f.value.Cmp(group.Q) >= 0 {
			return fmt.Errorf("%w: %s %s is not an exponent", ErrRange, msg, f.name)
		}
	}
	return nil
}

// proofError names the failed proof.
func proofError(msg, what string) error {
	return fmt.Errorf("%w: %s %s", ErrProof, msg, what)
}
