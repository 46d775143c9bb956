// Package inspect describes OTR wire lines field by field, for people
// debugging the traffic of real clients: the equivalent of libotr's
// otr_parse, with v3 instance tags, fragments (also reassembled), TLVs and
// JSON. With session keys at hand it decrypts data messages, and it holds
// the rest of libotr's toolkit: session keys from D-H values
// (otr_sesskeys), MAC keys from AES keys (otr_mackey) and the forging tools
// (otr_readforge, otr_modify, otr_remac) that show why OTR transcripts are
// deniable.
//
// Nothing here panics on input: a malformed line is described as far as it
// goes, with the broken field and its byte offset.
package inspect
