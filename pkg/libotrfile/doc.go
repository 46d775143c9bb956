// Package libotrfile reads and writes the files in which libotr (and so
// Pidgin, irssi and other clients built on it) keeps an OTR identity:
//
//   - otr.private_key: the account keys, a libgcrypt s-expression
//     (ReadPrivateKeys, WritePrivateKeys);
//   - otr.fingerprints: the peers' fingerprints and their trust
//     (ReadFingerprints, WriteFingerprints);
//   - otr.instance_tags: our instance tag per account
//     (ReadInstanceTags, WriteInstanceTags).
//
// The writers produce the bytes libotr 4 itself writes, so a file can go
// back and forth between this module and libotr-based clients. Readers
// never panic on hostile input; their errors name the line and byte of the
// problem and wrap ErrSyntax, ErrFormat or ErrTooLarge.
package libotrfile
