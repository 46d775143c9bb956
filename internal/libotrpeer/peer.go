package libotrpeer

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/otrtool/otr/internal/syncbuf"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configure one libotr peer.
type Options struct {
	Account, Protocol, Buddy string // defaults "alice@example", "prpl-test", "bob@example"
	// Policy is a comma list of "v2", "v3", "require", "whitespace",
	// "ws-start-ake", "error-start-ake"; "" means OTRL_POLICY_DEFAULT.
	Policy       string
	FragmentSize int    // max_message_size; 0 = no fragmentation
	KeyFile      string // libotr private key file; "" = a cached generated key
}

func (o Options) withDefaults() Options {
	if o.Account == "" {
		o.Account = "alice@example"
	}
	if o.Protocol == "" {
		o.Protocol = "prpl-test"
	}
	if o.Buddy == "" {
		o.Buddy = "bob@example"
	}
	return o
}

// Peer is one running libotr helper. Its methods fail the test on any
// helper error, with the helper's stderr attached.
type Peer struct {
	t       testing.TB
	opts    Options
	bin     string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	stdout  *bufio.Reader
	stderr  *syncbuf.Buffer
	closing sync.Once
}

// Start launches a libotr peer; t.Cleanup stops it.
func Start(t testing.TB, opts Options) *Peer {
	t.Helper()
	bin := Build(t)
	opts = opts.withDefaults()
	policy, err := policyArg(opts.Policy)
	if err != nil {
		t.Fatalf("libotrpeer: %v", err)
	}
	if opts.KeyFile == "" {
		opts.KeyFile = cachedKey(t, opts.Account, opts.Protocol)
	}
	p := &Peer{t: t, opts: opts, bin: bin, stderr: &syncbuf.Buffer{}}
	p.cmd = exec.Command(bin, "peer", opts.Account, opts.Protocol, opts.Buddy, policy,
		strconv.Itoa(opts.FragmentSize), opts.KeyFile)
	p.cmd.Stderr = p.stderr
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatalf("libotrpeer: %v", err)
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("libotrpeer: %v", err)
	}
	p.stdout = bufio.NewReader(stdout)
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("libotrpeer: starting helper: %v", err)
	}
	t.Cleanup(p.Close)
	p.InstanceTag() // proves the helper is up and gives it its tag now
	return p
}

// do sends one command and returns its result records.
func (p *Peer) do(cmd string, args ...string) []record {
	p.t.Helper()
	line := strings.Join(append([]string{cmd}, args...), " ") + "\n"
	if _, err := io.WriteString(p.stdin, line); err != nil {
		p.fail(cmd, fmt.Errorf("writing to the helper (crashed?): %w", err))
	}
	records, err := readResponse(p.stdout)
	if err != nil {
		p.fail(cmd, err)
	}
	return records
}

func (p *Peer) fail(cmd string, err error) {
	p.t.Helper()
	var refused *errHelper
	if !errors.As(err, &refused) {
		p.Close() // a dead helper: wait for it so that stderr is complete
	}
	p.t.Fatalf("libotrpeer: %s (%s): command %q: %v\nhelper stderr:\n%s",
		p.opts.Account, p.opts.Protocol, cmd, err, p.stderr.String())
}

func (p *Peer) output(cmd string, args ...string) Output {
	p.t.Helper()
	return toOutput(p.do(cmd, args...))
}

// value returns the one field of a "value" answer.
func (p *Peer) value(field, cmd string, args ...string) string {
	p.t.Helper()
	for _, r := range p.do(cmd, args...) {
		if r.tag == "value" {
			return r.fields[field]
		}
	}
	p.fail(cmd, errors.New("no value in the answer"))
	return ""
}

// SetT makes later failures go to t, so that a peer started in a parent test
// can be used inside t.Run. A Peer is not safe for concurrent use.
func (p *Peer) SetT(t testing.TB) { p.t = t }

// Options returns the options the peer runs with (defaults filled in).
func (p *Peer) Options() Options { return p.opts }

// Fingerprint is our own fingerprint, 40 lower-case hex digits.
func (p *Peer) Fingerprint() string {
	p.t.Helper()
	return hex.EncodeToString([]byte(p.value("key", "fingerprint")))
}

// InstanceTag is our own instance tag.
func (p *Peer) InstanceTag() uint32 {
	p.t.Helper()
	return uint32(atoi(p.value("use", "instag")))
}

// Query returns libotr's default query message (otrl_proto_default_query_msg) as Wire[0].
func (p *Peer) Query() Output { p.t.Helper(); return p.output("query") }

// Send passes text to otrl_message_sending (fragmenting and injecting all);
// an unchanged plaintext message appears in Wire as typed.
func (p *Peer) Send(text string) Output {
	p.t.Helper()
	return p.output("send", encodeArg([]byte(text)))
}

// Receive passes one wire line to otrl_message_receiving.
func (p *Peer) Receive(line string) Output {
	p.t.Helper()
	return p.output("recv", encodeArg([]byte(line)))
}

// StartSMP starts SMP with the buddy, with a question unless it is "".
func (p *Peer) StartSMP(secret, question string) Output {
	p.t.Helper()
	if question == "" {
		return p.output("smp_start", encodeArg([]byte(secret)))
	}
	return p.output("smp_start", encodeArg([]byte(secret)), encodeArg([]byte(question)))
}

// AnswerSMP answers the buddy's SMP request (otrl_message_respond_smp).
func (p *Peer) AnswerSMP(secret string) Output {
	p.t.Helper()
	return p.output("smp_answer", encodeArg([]byte(secret)))
}

// AbortSMP aborts the running SMP (otrl_message_abort_smp).
func (p *Peer) AbortSMP() Output { p.t.Helper(); return p.output("smp_abort") }

// Disconnect ends the private conversation (otrl_message_disconnect).
func (p *Peer) Disconnect() Output { p.t.Helper(); return p.output("disconnect") }

// Poll runs otrl_message_poll (wipes stale keys, may send heartbeats).
func (p *Peer) Poll() Output { p.t.Helper(); return p.output("poll") }

// ExtraKey asks libotr for the extra symmetric key (otrl_message_symkey),
// which also sends the buddy a TLV 8 with use and context.
func (p *Peer) ExtraKey(use uint32, context []byte) (key []byte, out Output) {
	p.t.Helper()
	records := p.do("symkey", strconv.FormatUint(uint64(use), 10), encodeArg(context))
	for _, r := range records {
		if r.tag == "value" {
			key = []byte(r.fields["key"])
		}
	}
	return key, toOutput(records)
}

// Status describes the buddy's best context.
func (p *Peer) Status() Status {
	p.t.Helper()
	for _, r := range p.do("status") {
		if r.tag == "status" {
			return toStatus(r.fields)
		}
	}
	p.fail("status", errors.New("no status in the answer"))
	return Status{}
}

// Close stops the helper; safe to call more than once.
func (p *Peer) Close() {
	p.closing.Do(func() {
		io.WriteString(p.stdin, "quit\n")
		p.stdin.Close()
		done := make(chan struct{})
		go func() { p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			p.cmd.Process.Kill()
			<-done
		}
	})
}
