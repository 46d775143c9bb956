package inspect

// Kinds of lines (Message.Kind).
const (
	KindPlaintext       = "plaintext"
	KindTaggedPlaintext = "tagged_plaintext"
	KindQuery           = "query"
	KindError           = "error"
	KindFragment        = "fragment"
	KindEncoded         = "encoded"
	KindUnknown         = "unknown"
)

// Message describes one wire line.
type Message struct {
	Kind string `json:"kind"`
	// Text is the human-readable part: the plaintext (whitespace tag
	// removed), the error text, the whole line of an unknown OTR form or
	// of an encoded message that does not decode, and in Reassembled the
	// whole message put together from its fragments.
	Text string `json:"text,omitempty"`
	// Versions are those a query or whitespace tag offers.
	Versions []int     `json:"versions,omitempty"`
	Fragment *Fragment `json:"fragment,omitempty"`
	Encoded  *Encoded  `json:"encoded,omitempty"`
	// Reassembled is the whole message once its last fragment is in.
	Reassembled *Message `json:"reassembled,omitempty"`
	// Problem says what is broken, for a line that does not parse.
	Problem *Problem `json:"problem,omitempty"`
}

// Problem locates what is wrong with a malformed line.
type Problem struct {
	// Field is the field being read, e.g. "encrypted message".
	Field string `json:"field"`
	// Offset is where that field starts: a byte offset into the decoded
	// binary message when In is "message", else a character offset in the line.
	Offset int    `json:"offset"`
	In     string `json:"in"`
	Reason string `json:"reason"`
}

// Where Problem.Offset counts.
const (
	InLine    = "line"
	InMessage = "message"
)

// Fragment is one piece of a fragmented message.
type Fragment struct {
	Version     int     `json:"version"`
	SenderTag   *uint32 `json:"sender_instance,omitempty"`
	ReceiverTag *uint32 `json:"receiver_instance,omitempty"`
	K           uint16  `json:"k"`
	N           uint16  `json:"n"`
	Piece       string  `json:"piece"`
	// Status is what reassembly did with it: "stored", "complete",
	// "dropped" (out of sequence: the stored pieces were forgotten).
	Status string `json:"status"`
}

// Type names of encoded messages (Encoded.Type).
const (
	TypeDHCommit  = "DH-Commit"
	TypeDHKey     = "DH-Key"
	TypeRevealSig = "Reveal-Signature"
	TypeSig       = "Signature"
	TypeData      = "Data"
)

// Encoded is an encoded ("?OTR:...") message, every field of it.
type Encoded struct {
	Type        string  `json:"type"`
	Version     int     `json:"version"`
	SenderTag   *uint32 `json:"sender_instance,omitempty"`
	ReceiverTag *uint32 `json:"receiver_instance,omitempty"`
	// AKE fields, each present in the messages that carry it.
	EncryptedGx  Hex   `json:"encrypted_gx,omitempty"`
	HashedGx     Hex   `json:"hashed_gx,omitempty"`
	Gy           Hex   `json:"gy,omitempty"`
	RevealedKey  Hex   `json:"revealed_key,omitempty"`
	EncryptedSig Hex   `json:"encrypted_signature,omitempty"`
	SigMAC       Hex   `json:"signature_mac,omitempty"`
	Data         *Data `json:"data,omitempty"`
	// NonMinimalMPI: some MPI had leading zero bytes (accepted, not canonical).
	NonMinimalMPI bool `json:"non_minimal_mpi,omitempty"`
}

// Data is the body of a data message.
type Data struct {
	Flags            byte   `json:"flags"`
	IgnoreUnreadable bool   `json:"ignore_unreadable"`
	SenderKeyID      uint32 `json:"sender_keyid"`
	RecipientKeyID   uint32 `json:"recipient_keyid"`
	NextDH           Hex    `json:"next_dh"`
	Counter          Hex    `json:"counter"`
	EncryptedLength  int    `json:"encrypted_length"`
	Encrypted        Hex    `json:"encrypted"`
	MAC              Hex    `json:"mac"`
	OldMACKeys       []Hex  `json:"old_mac_keys,omitempty"`
	// OldMACKeysRest is what is left of the revealed keys after the
	// 20-byte keys (not a multiple of 20 bytes: a broken sender).
	OldMACKeysRest Hex        `json:"old_mac_keys_rest,omitempty"`
	Decrypted      *Decrypted `json:"decrypted,omitempty"`
	// Undecrypted says why the keys given could not open the message.
	Undecrypted string `json:"undecrypted,omitempty"`
}

// Decrypted is a data message opened with a session key.
type Decrypted struct {
	// Key names the key that opened it (see SessionKey.Label).
	Key string `json:"key"`
	// Direction is the key's: "sent" (by the state's owner) or "received".
	Direction string `json:"direction,omitempty"`
	// MACValid is false when the AES key decrypted but the MAC did not
	// verify (a raw AES key given without ids can still decrypt).
	MACValid bool   `json:"mac_valid"`
	Text     string `json:"text"`
	TLVs     []TLV  `json:"tlvs,omitempty"`
	// TLVError says where the TLVs after the text broke off.
	TLVError string `json:"tlv_error,omitempty"`
}

// TLV is one decrypted type/length/value record.
type TLV struct {
	Type   uint16 `json:"type"`
	Name   string `json:"name"`
	Length int    `json:"length"`
	// Value is the raw value (left out for padding, which is zeros).
	Value    Hex     `json:"value,omitempty"`
	MPIs     []MPI   `json:"mpis,omitempty"`
	Question string  `json:"question,omitempty"`
	Use      *uint32 `json:"use,omitempty"`
	Context  Hex     `json:"context,omitempty"`
	Problem  string  `json:"problem,omitempty"`
}

// MPI is one named number of an SMP message.
type MPI struct {
	Name  string `json:"name"`
	Value Hex    `json:"value"`
}
