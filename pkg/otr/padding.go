package otr

// tlvHeaderLen is a TLV's type and length fields.
const tlvHeaderLen = 4

// MaxPadMultiple is the largest multiple PaddingFor accepts: the padding
// TLV's value must fit in its 16-bit length.
const MaxPadMultiple = 0xffff

// PaddingFor returns the SendOptions.Padding that pads a message of text
// and tlvs with a padding TLV (type 0) to the next multiple of n bytes of
// plaintext, so that messages of different lengths look alike on the
// wire (the padding of the original C# OTR library). The plaintext is
// the text, a NUL, the TLVs and the padding TLV; receivers such as libotr
// drop the padding. n < 1 means no padding (0).
func PaddingFor(text string, tlvs []TLV, n int) int {
	if n < 1 {
		return 0
	}
	n = min(n, MaxPadMultiple)
	size := len(text) + 1 + tlvHeaderLen // text, NUL, the padding TLV's header
	for _, t := range tlvs {
		size += tlvHeaderLen + len(t.Value)
	}
	return (size + n - 1) / n * n
}
