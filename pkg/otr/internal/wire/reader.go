package wire

import (
	"encoding/binary"
	"fmt"
	"math/big"
)

// Reader reads OTR data types from a byte slice. The first failure is
// sticky: later reads return zero values and Err reports that first failure.
// Lengths read from the input are checked against the remaining input before
// anything is allocated, so a hostile length cannot make it allocate.
type Reader struct {
	buf        []byte
	off        int
	err        error
	nonMinimal bool
}

// NewReader returns a Reader over b. The returned values never alias b.
func NewReader(b []byte) *Reader { return &Reader{buf: b} }

// Offset is the number of bytes consumed so far.
func (r *Reader) Offset() int { return r.off }

// Rest returns a copy of the unread bytes (nil after a failure).
func (r *Reader) Rest() []byte {
	if r.err != nil {
		return nil
	}
	return clone(r.buf[r.off:])
}

// Err returns the first failure, or nil.
func (r *Reader) Err() error { return r.err }

// Done returns the first failure, or an error if unread bytes remain.
func (r *Reader) Done() error {
	if r.err == nil && r.off != len(r.buf) {
		r.fail("end of message", fmt.Sprintf("%d trailing bytes", len(r.buf)-r.off))
	}
	return r.err
}

// NonMinimal reports whether an MPI read so far had leading zero bytes. Such
// MPIs are accepted (libotr's gcry_mpi_scan accepts them) but are not what
// the spec asks for, so a debugging tool may want to show it.
func (r *Reader) NonMinimal() bool { return r.nonMinimal }

func (r *Reader) fail(field, reason string) {
	if r.err == nil {
		r.err = fieldErr(field, r.off, reason)
	}
}

// take consumes n bytes, or records a failure and returns nil.
func (r *Reader) take(n int, field string) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.buf)-r.off {
		r.fail(field, fmt.Sprintf("needs %d bytes, %d left", n, len(r.buf)-r.off))
		return nil
	}
	b := r.buf[r.off : r.off+n]
	r.off += n
	return b
}

// Byte reads a BYTE.
func (r *Reader) Byte(field string) byte {
	if b := r.take(1, field); b != nil {
		return b[0]
	}
	return 0
}

// Short reads a SHORT.
func (r *Reader) Short(field string) uint16 {
	if b := r.take(2, field); b != nil {
		return binary.BigEndian.Uint16(b)
	}
	return 0
}

// Int reads an INT.
func (r *Reader) Int(field string) uint32 {
	if b := r.take(4, field); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

// Fixed reads exactly n bytes.
func (r *Reader) Fixed(n int, field string) []byte {
	return clone(r.take(n, field))
}

// Data reads DATA: an INT length, then that many bytes.
func (r *Reader) Data(field string) []byte {
	return clone(r.lengthPrefixed(field))
}

// MPI reads an MPI. Leading zero bytes are accepted but noted (NonMinimal).
func (r *Reader) MPI(field string) *big.Int { return r.mpiInto(new(big.Int), field) }

// mpiInto is MPI setting z (and reusing its memory).
func (r *Reader) mpiInto(z *big.Int, field string) *big.Int {
	b := r.lengthPrefixed(field)
	if r.err != nil {
		return nil
	}
	if len(b) > 0 && b[0] == 0 {
		r.nonMinimal = true
	}
	return z.SetBytes(b)
}

func (r *Reader) lengthPrefixed(field string) []byte {
	start := r.off
	var n uint32
	if r.err == nil && len(r.buf)-r.off >= 4 {
		n = r.Int(field)
	} else {
		n = r.Int(field + " length") // fails: the name is built only for the error
	}
	if r.err != nil {
		return nil
	}
	if uint64(n) > uint64(len(r.buf)-r.off) {
		r.off = start
		r.fail(field, fmt.Sprintf("length %d exceeds the %d bytes left", n, len(r.buf)-r.off-4))
		return nil
	}
	return r.take(int(n), field)
}

// clone copies b, keeping nil as nil and empty as empty.
func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}
