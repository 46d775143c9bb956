package main

import (
	"fmt"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/otrtool/otr/pkg/state"
	"github.com/urfave/cli/v2"
)

// smpCheck says, from the saved session, why an SMP command could not run
// (nil when it could), and what to tell the person before the secret is
// typed. On a terminal it runs before the secret is asked for, so that
// nobody types a secret for a step that is bound to fail; the step itself
// checks again under the lock.
type smpCheck func(peer string, st *otr.State) (note string, err error)

func checkPrivate(_ string, st *otr.State) (string, error) {
	if st.MsgState != otr.MsgEncrypted {
		return "", withHint(otr.ErrNotEncrypted, "SMP runs inside a private conversation: start one with otr query")
	}
	return "", nil
}

// checkRequest: a request waits for our answer; its question is the note.
func checkRequest(peer string, st *otr.State) (string, error) {
	if _, err := checkPrivate(peer, st); err != nil {
		return "", err
	}
	if !st.SMP.AwaitingAnswer() {
		return "", withHint(otr.ErrNoSMPRequest, "wait for an smp_request event from otr recv first")
	}
	if st.SMP.HasQuestion {
		return fmt.Sprintf("otr: %s asks: %s", escapeText(peer), escapeText(st.SMP.Question)), nil
	}
	return "", nil
}

// precheckSMP runs check on the saved session when the secret will be
// read from the terminal, and shows its note there.
func precheckSMP(c *cli.Context, check smpCheck) error {
	if _, ok := terminalFd(c.App.Reader); !ok || c.String("secret-file") != "" {
		return nil
	}
	store, err := state.Open(stateDir(c))
	if err != nil {
		return err
	}
	peer := c.String("peer")
	p, err := store.LoadPeer(peer)
	if err != nil {
		return err
	}
	note, err := check(peer, &p.Session)
	if note != "" {
		fmt.Fprintln(c.App.ErrWriter, note)
	}
	return err
}
