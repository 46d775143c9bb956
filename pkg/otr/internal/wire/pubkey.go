package wire

import (
	"fmt"
	"math/big"
)

// PubKeyDSA is the only public key type OTR defines.
const PubKeyDSA uint16 = 0x0000

// AppendPubKey appends a DSA PUBKEY: type 0x0000, then p, q, g, y as MPIs.
func AppendPubKey(b []byte, p, q, g, y *big.Int) []byte {
	b = AppendShort(b, PubKeyDSA)
	for _, n := range []*big.Int{p, q, g, y} {
		b = AppendMPI(b, n)
	}
	return b
}

// PubKey reads a PUBKEY; key types other than DSA are an error.
func (r *Reader) PubKey(field string) (p, q, g, y *big.Int) {
	at := r.Offset()
	if typ := r.Short(field + " type"); r.err == nil && typ != PubKeyDSA {
		r.off = at
		r.fail(field+" type", fmt.Sprintf("unknown public key type 0x%04x", typ))
	}
	p = r.MPI(field + " p")
	q = r.MPI(field + " q")
	g = r.MPI(field + " g")
	y = r.MPI(field + " y")
	return p, q, g, y
}
