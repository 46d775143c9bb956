// Package state keeps one local OTR identity and its sessions on disk.
//
// Layout of a state directory (0700):
//
//	identity.toml      the DSA key, instance tag and policy (0600)
//	identity.lock      flock target for the identity
//	peers/NAME.toml    one peer: its session and known fingerprints (0600)
//	peers/NAME.lock    flock target for that peer
//
// One file per peer keeps the cost of an invocation independent of how many
// peers the identity has talked to. Every file is TOML with a format
// version, written atomically (temp file, fsync, rename, fsync of the
// directory) and read only if no one but the owner can read or write it.
// Lock files are separate from data files because a rename replaces the
// data file's inode, and a lock on a replaced inode protects nothing.
package state
