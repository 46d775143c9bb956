// Package smp is the Socialist Millionaires' Protocol of OTR version 2/3
// (spec sections "Socialist Millionaires' Protocol" and "The SMP state
// machine"): the math of each of the four messages and one side's state
// machine. Wrapping the values in TLVs 2–7 and sending them is the caller's
// job; this package only takes and returns the MPIs.
//
// Values received from the peer are range-checked and every zero-knowledge
// proof is verified before anything is computed from them, the same checks
// libotr 4.1 makes. Exponentiations with secret exponents run in constant
// time (package group).
package smp
