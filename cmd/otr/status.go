package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "show the identity and its peers, or one peer's session",
		UsageText: "otr status [--peer NAME]",
		Description: `Without --peer: the state directory, our fingerprint, instance tag, policy
and one line per peer. With --peer: that session's state (plaintext,
encrypted or finished), version, the peer's instance tag, fingerprint and
trust, AKE progress, SMP (a request waiting for your answer, with its
question) and queued messages. --json prints one JSON object.

Examples:
   otr status
   otr --json status --peer bob`,
		Flags:  []cli.Flag{&cli.StringFlag{Name: "peer", Aliases: []string{"p"}, Usage: "the buddy's `NAME`"}},
		Action: statusAction,
	}
}

// peerStatus is what status reports of one peer (also its JSON form).
type peerStatus struct {
	Peer          string `json:"peer"`
	State         string `json:"state"`
	Version       int    `json:"version,omitempty"`
	TheirInstance string `json:"their_instance,omitempty"`
	Fingerprint   string `json:"fingerprint,omitempty"`
	Trust         string `json:"trust,omitempty"`
	SSID          string `json:"ssid,omitempty"`
	AKE           string `json:"ake,omitempty"`
	Pending       int    `json:"pending"`
	FirstSeen     string `json:"first_seen,omitempty"`
	LastSeen      string `json:"last_seen,omitempty"`

	// SMP is a run in progress or the peer's request waiting for us.
	SMP *smpStatus `json:"smp,omitempty"`
}

func statusOf(p *state.Peer) peerStatus {
	st := p.Session
	ps := peerStatus{Peer: p.Name, State: string(st.MsgState), Version: st.Version, Pending: len(st.Pending)}
	if ps.State == "" {
		ps.State = string(otr.MsgPlaintext)
	}
	if st.TheirInstance != 0 {
		ps.TheirInstance = fmt.Sprintf("%#08x", st.TheirInstance)
	}
	if fp := lastFingerprint(p); fp != nil {
		ps.Fingerprint, ps.Trust = hex.EncodeToString(fp), string(state.Unverified)
		if k := p.Lookup(fp); k != nil {
			ps.Trust = string(k.Trust)
		}
	}
	if len(st.SSID) > 0 {
		ps.SSID = hex.EncodeToString(st.SSID)
	}
	if st.AKE.State != "" && st.AKE.State != otr.AuthNone {
		ps.AKE = string(st.AKE.State)
	}
	ps.SMP = smpStatusOf(&st)
	ps.FirstSeen, ps.LastSeen = timeText(p.FirstSeen), timeText(p.LastSeen)
	return ps
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func statusAction(c *cli.Context) error {
	store, err := state.Open(stateDir(c))
	if err != nil {
		return err
	}
	asJSON := globalBool(c, "json")
	if peer := c.String("peer"); peer != "" {
		if err := requireKnownPeer(store, "status", peer); err != nil {
			return err
		}
		p, err := store.LoadPeer(peer)
		if err != nil {
			return err
		}
		return printStatus(c.App.Writer, statusOf(p), asJSON)
	}
	return identityStatus(c.App.Writer, store, asJSON)
}

func printStatus(w io.Writer, ps peerStatus, asJSON bool) error {
	if asJSON {
		return json.NewEncoder(w).Encode(ps)
	}
	fmt.Fprintf(w, "peer: %s\nstate: %s", escapeText(ps.Peer), ps.State)
	if ps.Version > 0 {
		fmt.Fprintf(w, " (OTR v%d)", ps.Version)
	}
	fmt.Fprintln(w)
	lines := []struct{ name, value string }{
		{"their instance", ps.TheirInstance}, {"fingerprint", formatHexFingerprint(ps.Fingerprint)},
		{"trust", ps.Trust}, {"ssid", ps.SSID}, {"ake", ps.AKE},
		{"first seen", ps.FirstSeen}, {"last seen", ps.LastSeen},
	}
	for _, l := range lines {
		if l.value != "" {
			fmt.Fprintf(w, "%s: %s\n", l.name, l.value)
		}
	}
	printSMPStatus(w, ps.Peer, ps.SMP)
	fmt.Fprintf(w, "queued messages: %d\n", ps.Pending)
	return nil
}

func formatHexFingerprint(h string) string {
	fp, err := hex.DecodeString(h)
	if err != nil || h == "" {
		return h
	}
	return otr.FormatFingerprint(fp)
}

// identityStatus lists every peer: the one report whose cost grows with
// the number of peers.
func identityStatus(w io.Writer, store *state.Store, asJSON bool) error {
	id, err := store.LoadIdentity()
	if err != nil {
		return err
	}
	key, err := id.PrivateKey()
	if err != nil {
		return err
	}
	names, err := store.Peers()
	if err != nil {
		return err
	}
	var peers []peerStatus
	for _, n := range names {
		p, err := store.LoadPeer(n)
		if err != nil {
			return err
		}
		peers = append(peers, statusOf(p))
	}
	if asJSON {
		return json.NewEncoder(w).Encode(map[string]any{
			"state": store.Dir, "fingerprint": hex.EncodeToString(key.Fingerprint()),
			"instance_tag": fmt.Sprintf("%#08x", id.InstanceTag), "policy": policyMap(id.Policy), "peers": peers,
		})
	}
	fmt.Fprintf(w, "state: %s\nfingerprint: %s\ninstance tag: %#08x\npolicy:", store.Dir, otr.FormatFingerprint(key.Fingerprint()), id.InstanceTag)
	for _, f := range policyFields {
		fmt.Fprintf(w, " %s=%t", f.name, *f.get(&id.Policy))
	}
	fmt.Fprintf(w, "\npeers: %d\n", len(peers))
	for _, ps := range peers {
		fmt.Fprintf(w, "  %s: %s", escapeText(ps.Peer), ps.State)
		if ps.Fingerprint != "" {
			fmt.Fprintf(w, ", fingerprint %s (%s)", formatHexFingerprint(ps.Fingerprint), ps.Trust)
		}
		fmt.Fprintln(w, smpNote(ps.SMP))
	}
	return nil
}

func policyMap(p otr.Policy) map[string]bool {
	m := map[string]bool{}
	for _, f := range policyFields {
		m[f.name] = *f.get(&p)
	}
	return m
}
