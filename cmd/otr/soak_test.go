package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/otrtool/otr/pkg/state"
)

// The soak: two identities exchange messages through the real binary, a
// long-running `otr recv` per side fed line by line and one `otr send` per
// message, both directions at once, with kill -9 of sends and recvs in
// between. OTR_SOAK_MESSAGES sets the total (default 150; scripts/soak.sh
// runs 2,000), OTR_SOAK_SEED the seed of every random choice.
//
// What the words mean here:
//   - A message is REPORTED SENT when its `otr send` wrote its complete wire
//     line (newline-terminated) to stdout, whether the process then exited 0
//     or was killed. send saves its state before it prints, so a printed
//     line is always a committed one; a send killed before printing sent
//     nothing (its counter may be used up: the peer sees a gap, allowed).
//   - The harness delivers exactly the reported-sent lines, in the order
//     they were printed (one send at a time per direction), to the peer's
//     recv, one line at a time, waiting for its outcome. A line in flight
//     when that recv is killed is delivered again to the restarted recv,
//     whatever the killed one showed: the transport cannot know, so it
//     delivers at least once.
//   - recv shows a line's events before it saves the step, so a message is
//     SHOWN at least once: either the redelivered line shows it (again,
//     with the same id), or the killed recv had shown it before its save
//     and the redelivery is refused as a replay. A replay refusal of a line
//     never shown is a lost message, and fails the soak.
//
// Checked per direction: every reported-sent message is shown, first
// showings in the order sent, nothing else; every shown text is exactly
// the text sent; a message shown again carries the id it had the first
// time, and no two messages share an id; a line whose save was killed
// between write and rename was shown before it and is shown again, never
// refused; afterwards both states load and the session still works.

const (
	soakMessagesEnv     = "OTR_SOAK_MESSAGES"
	soakSeedEnv         = "OTR_SOAK_SEED"
	soakDefaultMessages = 150
	soakWait            = 2 * time.Minute // only a hung step ever waits this long
	soakLead            = 8               // how far one direction may run ahead of the other
)

// killKind is what the soak does to one invocation.
type killKind int

const (
	noKill           killKind = iota
	killAtRandom              // kill -9 after a random delay: before, during or after its step
	killBeforeRename          // kill -9 while its save hangs between write and rename (pkg/state's test hook)
	killIdle                  // recv only: kill -9 while it waits for input
	numKillKinds
)

var killNames = [numKillKinds]string{"none", "at a random instant", "between write and rename", "while idle"}

func TestSoak(t *testing.T) {
	n, seed := soakParams(t)
	alice, bob := pair(t)
	handshake(t, alice, bob)
	started := time.Now()
	dirs := [2]*soakDirection{
		newSoakDirection(t, "alice>bob", alice, bob, seed),
		newSoakDirection(t, "bob>alice", bob, alice, seed+1000),
	}
	pace := &pacer{lead: soakLead}
	pace.cond = sync.NewCond(&pace.mu)
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for i, d := range dirs {
		count := n/2 + i*(n%2)
		wg.Add(2)
		go func() { defer wg.Done(); errs <- d.sender.run(count, pace, i) }()
		go func() { defer wg.Done(); errs <- d.receiver.run() }()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	sent, repeats := 0, 0
	for _, d := range dirs {
		d.check(t)
		t.Log(d.summary())
		sent, repeats = sent+len(d.log.sent), repeats+d.log.repeats
	}
	if !t.Failed() {
		t.Logf("every one of the %d reported-sent messages shown at least once; %d shown again, each under its first id; no id shared by two messages", sent, repeats)
	}
	t.Logf("%d messages, seed %d, %v", n, seed, time.Since(started).Round(time.Millisecond))
	checkSoakEnd(t, alice, bob)
}

func soakParams(t *testing.T) (messages int, seed int64) {
	messages, seed = soakDefaultMessages, 1
	var err error
	if v := os.Getenv(soakMessagesEnv); v != "" {
		if messages, err = strconv.Atoi(v); err != nil || messages < 20 {
			t.Fatalf("%s=%q: want a number of at least 20", soakMessagesEnv, v)
		}
	}
	if v := os.Getenv(soakSeedEnv); v != "" {
		if seed, err = strconv.ParseInt(v, 10, 64); err != nil {
			t.Fatalf("%s=%q: want an integer", soakSeedEnv, v)
		}
	}
	return messages, seed
}

// checkSoakEnd: both states load, the session still works both ways, and
// no temp file of an interrupted save holds anything (it would hold old
// session keys; an empty one is the scratch file the next save reuses).
func checkSoakEnd(t *testing.T, alice, bob *party) {
	for _, p := range []*party{alice, bob} {
		st := p.must("", "status", "--peer", p.peer)
		if !strings.Contains(st.stdout, `"state":"encrypted"`) {
			t.Errorf("%s's status after the soak: %s", p.dir, st.stdout)
		}
		p.must("", "status")
	}
	assertDelivered(t, alice, bob, "one more after the soak", "")
	assertDelivered(t, bob, alice, "and one back", "")
	for _, p := range []*party{alice, bob} {
		left, _ := filepath.Glob(filepath.Join(p.dir, "peers", ".*.tmp*"))
		for _, f := range left {
			if fi, err := os.Stat(f); err != nil || fi.Size() > 0 {
				t.Errorf("temp file of an interrupted save left with content: %s", f)
			}
		}
	}
}

// soakDirection is one direction: a sender on one side, a recv on the other.
type soakDirection struct {
	name     string
	sender   *soakSender
	receiver *soakReceiver
	log      soakLog
}

// soakLog records one direction. The sender writes sent and notSent, the
// receiver the rest; each is read only after both are done.
type soakLog struct {
	sent, notSent []string          // texts, in order
	firstShown    []string          // texts, in the order first shown
	shown         []string          // every "message" event's text, repeats included
	idOf          map[string]string // text -> the id it was shown with
	textOf        map[string]string // id -> the text shown with it
	repeats       int               // showings after the first (same id)
}

func newSoakDirection(t *testing.T, name string, from, to *party, seed int64) *soakDirection {
	d := &soakDirection{name: name, log: soakLog{idOf: map[string]string{}, textOf: map[string]string{}}}
	queue := make(chan soakItem, 1<<16)
	bin, hooks := otrHookBinary(t), t.TempDir()
	d.sender = &soakSender{bin: bin, party: from, name: name, out: queue, log: &d.log, hooks: hooks,
		planner: newPlanner(seed, killAtRandom, killBeforeRename)}
	d.receiver = &soakReceiver{bin: bin, party: to, in: queue, log: &d.log, hooks: hooks,
		planner: newPlanner(seed+1, killIdle, killBeforeRename, killAtRandom)}
	return d
}

func (d *soakDirection) check(t *testing.T) {
	t.Helper()
	l := d.log
	if !slices.Equal(l.firstShown, l.sent) {
		t.Errorf("%s: %d reported sent, %d shown: not the same sequence (first difference at %d)",
			d.name, len(l.sent), len(l.firstShown), firstDifference(l.firstShown, l.sent))
	}
	for _, s := range l.notSent {
		if slices.Contains(l.shown, s) {
			t.Errorf("%s: %q was shown but never reported sent", d.name, s)
		}
	}
	for _, k := range []killKind{killAtRandom, killBeforeRename} {
		if d.sender.kills[k] == 0 || d.receiver.kills[k] == 0 {
			t.Errorf("%s: no kill %s happened (sender %d, receiver %d)", d.name, killNames[k], d.sender.kills[k], d.receiver.kills[k])
		}
	}
	if d.receiver.kills[killIdle] == 0 {
		t.Errorf("%s: no idle recv was killed", d.name)
	}
}

func (d *soakDirection) summary() string {
	l := d.log
	return fmt.Sprintf("%s: %d reported sent (%d by a send killed after printing), %d not sent; %d shown, %d of them again with the same id, %d given again after a kill (%d refused as replays after a showing); sends killed %s; recvs killed %s",
		d.name, len(l.sent), d.sender.printedThenKilled, len(l.notSent), len(l.shown), l.repeats, d.receiver.givenAgain, d.receiver.refusedAfterShown,
		d.sender.killText(), d.receiver.killText())
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// soakItem is a reported-sent message and its wire line.
type soakItem struct{ text, line string }

// planner decides, from its own seeded generator, what to do to each
// invocation: the first ones cover every kind once, then kills at random.
type planner struct {
	rng    *rand.Rand
	forced []killKind
	calls  int
	kills  [numKillKinds]int
}

func newPlanner(seed int64, forced ...killKind) planner {
	return planner{rng: rand.New(rand.NewSource(seed)), forced: forced}
}

// next is the kill for the next invocation and, for killAtRandom, the
// fraction of a typical step to wait before it (0 for the forced ones).
func (p *planner) next() (killKind, float64) {
	p.calls++
	if i := p.calls - 2; i >= 0 && i%2 == 0 && i/2 < len(p.forced) {
		return p.forced[i/2], 0
	}
	r, frac := p.rng.Float64(), 1.5*p.rng.Float64()
	switch {
	case r < 0.08:
		return killAtRandom, frac
	case r < 0.10:
		return killBeforeRename, 0
	case r < 0.12 && slices.Contains(p.forced, killIdle):
		return killIdle, 0
	}
	return noKill, 0
}

func (p *planner) killText() string {
	var parts []string
	for k := killAtRandom; k < numKillKinds; k++ {
		if p.kills[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.kills[k], killNames[k]))
		}
	}
	if parts == nil {
		return "never"
	}
	return strings.Join(parts, ", ")
}

// typical is a running estimate of how long one step takes, so that
// random kills land before, inside and after steps alike.
type typical struct{ d time.Duration }

func (ty *typical) note(d time.Duration) {
	if ty.d == 0 {
		ty.d = d
	}
	ty.d = (7*ty.d + d) / 8
}

func (ty *typical) scaled(frac float64) time.Duration {
	base := ty.d
	if base == 0 {
		base = 10 * time.Millisecond
	}
	return time.Duration(frac * float64(base))
}

// pacer keeps the two directions within lead messages of each other, so
// that both keep sending until the end (a side quiet for a minute would
// answer with a heartbeat, which the soak does not route).
type pacer struct {
	mu   sync.Mutex
	cond *sync.Cond
	done [2]int
	over [2]bool
	lead int
}

func (p *pacer) wait(d int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.over[1-d] && p.done[d]-p.done[1-d] >= p.lead {
		p.cond.Wait()
	}
}

func (p *pacer) advance(d int) { p.update(func() { p.done[d]++ }) }
func (p *pacer) finish(d int)  { p.update(func() { p.over[d] = true }) }

func (p *pacer) update(f func()) {
	p.mu.Lock()
	f()
	p.mu.Unlock()
	p.cond.Broadcast()
}

// soakSender runs one `otr send` per message, one at a time.
type soakSender struct {
	bin, name, hooks string
	party            *party
	out              chan<- soakItem
	log              *soakLog
	planner
	step              typical
	printedThenKilled int // killed after its line was out: still sent
}

func (s *soakSender) run(n int, pace *pacer, dir int) error {
	defer close(s.out)
	defer pace.finish(dir)
	for i := 0; i < n; i++ {
		pace.wait(dir)
		text := s.text(i)
		kind, frac := s.next()
		line, err := s.sendOnce(text, kind, frac)
		if err != nil {
			return fmt.Errorf("%s message %d: %w", s.name, i, err)
		}
		if line == "" {
			s.log.notSent = append(s.log.notSent, text)
		} else {
			s.log.sent = append(s.log.sent, text)
			s.out <- soakItem{text, line}
		}
		pace.advance(dir)
	}
	return nil
}

// text is unique per message, of varied length, sometimes not ASCII.
func (s *soakSender) text(i int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,;!?'\"\\<>&é€ü😀"
	runes := []rune(alphabet)
	pad := make([]rune, s.rng.Intn(160))
	for j := range pad {
		pad[j] = runes[s.rng.Intn(len(runes))]
	}
	return fmt.Sprintf("%s #%05d %s", s.name, i, string(pad))
}

func (s *soakSender) sendOnce(text string, kind killKind, frac float64) (string, error) {
	cmd := exec.Command(s.bin, "--state", s.party.dir, "send", "--peer", s.party.peer)
	cmd.Stdin = strings.NewReader(text + "\n")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	marker := filepath.Join(s.hooks, fmt.Sprintf("send-%d", s.calls))
	if kind == killBeforeRename {
		cmd.Env = append(os.Environ(), state.HangBeforeRenameEnv+"="+marker)
	}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	if err := s.kill(cmd, kind, frac, marker, exited); err != nil {
		return "", err
	}
	<-exited
	killed := signaled(cmd.ProcessState)
	if killed {
		s.kills[kind]++
	} else if waitErr != nil {
		return "", fmt.Errorf("otr send failed (%v): %s", waitErr, errb.String())
	} else {
		s.step.note(time.Since(began))
	}
	line, err := sentLine(out.String(), killed, kind)
	if killed && line != "" {
		s.printedThenKilled++
	}
	return line, err
}

func (s *soakSender) kill(cmd *exec.Cmd, kind killKind, frac float64, marker string, exited <-chan struct{}) error {
	switch kind {
	case killAtRandom:
		select {
		case <-time.After(s.step.scaled(frac)):
			_ = cmd.Process.Signal(syscall.SIGKILL)
		case <-exited:
		}
	case killBeforeRename:
		if err := waitForFile(marker, exited); err != nil {
			_ = cmd.Process.Kill()
			return fmt.Errorf("send with the hang hook: %w", err)
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
	}
	return nil
}

// sentLine is the wire line a send printed completely, or "" when it was
// killed before it printed one. A finished send must have printed one.
func sentLine(out string, killed bool, kind killKind) (string, error) {
	complete := strings.HasSuffix(out, "\n") && strings.Count(out, "\n") == 1 && strings.HasPrefix(out, "?OTR:")
	switch {
	case killed && kind == killBeforeRename && out != "":
		return "", fmt.Errorf("a send killed before its save printed %.60q", out)
	case complete:
		return strings.TrimSuffix(out, "\n"), nil
	case killed:
		return "", nil // nothing, or a partial line the harness drops
	}
	return "", fmt.Errorf("a send that exited 0 printed %.80q, want one wire line", out)
}

func signaled(ps *os.ProcessState) bool {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}

// waitForFile waits until path exists; an exit first is an error.
func waitForFile(path string, exited <-chan struct{}) error {
	deadline := time.After(soakWait)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		select {
		case <-exited:
			if _, err := os.Stat(path); err == nil {
				return nil
			}
			return errors.New("the process exited before reaching the rename")
		case <-deadline:
			return errors.New("the process never reached the rename")
		case <-tick.C:
		}
	}
}

// soakReceiver feeds one long-running recv, restarting it after kills.
type soakReceiver struct {
	bin, hooks string
	party      *party
	in         <-chan soakItem
	log        *soakLog
	proc       *recvProc
	planner
	step       typical
	givenAgain int // lines in flight at a kill, given to the next recv
	// refusedAfterShown counts redeliveries refused as replays: the killed
	// recv had shown the message, then saved.
	refusedAfterShown int
}

func (r *soakReceiver) run() (err error) {
	defer func() {
		if err != nil && r.proc != nil {
			_, _ = r.proc.kill()
		}
	}()
	if r.proc, err = startRecv(r.bin, r.party, nil); err != nil {
		return err
	}
	for item := range r.in {
		if err := r.deliver(item); err != nil {
			return fmt.Errorf("%s receiving %.40q: %w", r.party.dir, item.text, err)
		}
	}
	return r.stop()
}

func (r *soakReceiver) deliver(item soakItem) error {
	switch kind, frac := r.next(); kind {
	case killIdle:
		if _, err := r.killAndRestart(killIdle); err != nil {
			return err
		}
	case killBeforeRename:
		return r.deliverHung(item)
	case killAtRandom:
		return r.deliverKilled(item, frac)
	}
	return r.deliverOnce(item, false)
}

// deliverOnce writes the line and waits for its outcome.
func (r *soakReceiver) deliverOnce(item soakItem, again bool) error {
	began := time.Now()
	if err := r.proc.write(item.line); err != nil {
		return err
	}
	ev, err := r.proc.outcome(nil)
	if err != nil {
		return err
	}
	r.step.note(time.Since(began))
	return r.accept(item, ev, again)
}

// deliverKilled kills recv at a random instant after the line went in
// (before, during or after its step) and gives the line to a new recv.
func (r *soakReceiver) deliverKilled(item soakItem, frac float64) error {
	if err := r.proc.write(item.line); err != nil {
		return err
	}
	ev, err := r.proc.outcome(time.After(r.step.scaled(frac)))
	if err != nil {
		return err
	}
	late, err := r.killAndRestart(killAtRandom)
	if err != nil {
		return err
	}
	if ev == nil {
		ev = late
	}
	if ev != nil {
		if err := r.accept(item, ev, false); err != nil {
			return err
		}
	}
	r.givenAgain++
	return r.deliverOnce(item, true)
}

// deliverHung gives the line to a recv whose save hangs before the rename,
// kills it there, and gives the line again to a new recv: the killed one
// must have shown the message before its save, and the new one must show
// it again with the same id (the first save never happened: a replay
// refusal fails).
func (r *soakReceiver) deliverHung(item soakItem) error {
	if err := r.stop(); err != nil {
		return err
	}
	marker := filepath.Join(r.hooks, fmt.Sprintf("recv-%d", r.calls))
	if err := r.restart([]string{state.HangBeforeRenameEnv + "=" + marker}); err != nil {
		return err
	}
	if err := r.proc.write(item.line); err != nil {
		return err
	}
	if err := waitForFile(marker, r.proc.exited); err != nil {
		return fmt.Errorf("recv with the hang hook: %w", err)
	}
	ev, err := r.killAndRestart(killBeforeRename)
	if err != nil {
		return err
	}
	if ev == nil || ev["event"] != "message" {
		return fmt.Errorf("recv showed %v before its save, want the message", ev)
	}
	if err := r.accept(item, ev, false); err != nil {
		return err
	}
	r.givenAgain++
	return r.deliverOnce(item, false)
}

// killAndRestart kills recv, starts a new one, and returns the outcome
// the killed one showed, if any.
func (r *soakReceiver) killAndRestart(kind killKind) (map[string]any, error) {
	events, err := r.proc.kill()
	if err != nil {
		return nil, err
	}
	r.kills[kind]++
	return outcomeOf(events), r.restart(nil)
}

func (r *soakReceiver) restart(env []string) (err error) {
	r.proc, err = startRecv(r.bin, r.party, env)
	return err
}

// stop ends recv by closing its input: exit 0, or 1 when it refused a line.
func (r *soakReceiver) stop() error {
	code, extra, err := r.proc.finish()
	if err != nil {
		return err
	}
	if want := min(r.proc.rejected, 1); code != want {
		return fmt.Errorf("recv exited %d after %d refused lines", code, r.proc.rejected)
	}
	if extra != nil {
		return fmt.Errorf("recv showed %v after its last line", extra)
	}
	return nil
}

// accept records a line's outcome: the message shown (for the first time,
// or again under the same id), or, for a line given again after a kill, a
// replay refusal when the killed recv had shown it (then saved it).
func (r *soakReceiver) accept(item soakItem, ev map[string]any, again bool) error {
	l := r.log
	id, _ := ev["id"].(string)
	_, before := l.idOf[item.text]
	switch {
	case ev["event"] == "message" && ev["text"] == item.text && ev["encrypted"] == true && len(id) == 24:
		if other, ok := l.textOf[id]; ok && other != item.text {
			return fmt.Errorf("two messages shown with the id %s: %.40q and %.40q", id, other, item.text)
		}
		if before && l.idOf[item.text] != id {
			return fmt.Errorf("message %.40q shown again with the id %s, first with %s", item.text, id, l.idOf[item.text])
		}
		l.shown = append(l.shown, item.text)
		if before {
			l.repeats++
			return nil
		}
		l.idOf[item.text], l.textOf[id] = id, item.text
		l.firstShown = append(l.firstShown, item.text)
	case ev["event"] == "error" && again && before && strings.Contains(fmt.Sprint(ev["message"]), "replayed"):
		r.proc.rejected++
		r.refusedAfterShown++
	case ev["event"] == "error" && again && strings.Contains(fmt.Sprint(ev["message"]), "replayed"):
		return fmt.Errorf("message %.40q LOST: saved by a killed recv that never showed it (the redelivery is refused as a replay)", item.text)
	default:
		return fmt.Errorf("unexpected outcome %v (line given again: %t)", ev, again)
	}
	return nil
}

// recvProc is one running `otr --json recv`: lines in, display events out.
type recvProc struct {
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	stdout   bytes.Buffer // wire replies: the soak expects none
	events   chan map[string]any
	exited   chan struct{} // closed when the display stream ends
	rejected int
}

func startRecv(bin string, p *party, env []string) (*recvProc, error) {
	cmd := exec.Command(bin, "--state", p.dir, "--json", "recv", "--peer", p.peer)
	cmd.Env = append(os.Environ(), env...)
	rp := &recvProc{cmd: cmd, events: make(chan map[string]any, 64), exited: make(chan struct{})}
	cmd.Stdout = &rp.stdout
	var err error
	if rp.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go rp.readEvents(stderr)
	return rp, nil
}

func (rp *recvProc) readEvents(r io.Reader) {
	defer close(rp.exited)
	defer close(rp.events)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var e map[string]any
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			rp.events <- e
		}
	}
}

func (rp *recvProc) write(line string) error {
	_, err := io.WriteString(rp.stdin, line+"\n")
	return err
}

// outcome is the next message or error event. A stop channel that fires
// first gives (nil, nil); the end of the display stream is an error.
func (rp *recvProc) outcome(stop <-chan time.Time) (map[string]any, error) {
	deadline := time.After(soakWait)
	for {
		select {
		case e, ok := <-rp.events:
			if !ok {
				return nil, errors.New("recv exited unexpectedly")
			}
			if isOutcome(e) {
				return e, nil
			}
		case <-stop:
			return nil, nil
		case <-deadline:
			return nil, errors.New("recv gave no outcome in time")
		}
	}
}

func isOutcome(e map[string]any) bool { return e["event"] == "message" || e["event"] == "error" }

func outcomeOf(events []map[string]any) map[string]any {
	for _, e := range events {
		if isOutcome(e) {
			return e
		}
	}
	return nil
}

// kill ends recv with SIGKILL and returns the events it showed before.
func (rp *recvProc) kill() ([]map[string]any, error) {
	_ = rp.cmd.Process.Signal(syscall.SIGKILL)
	events := rp.drain()
	_ = rp.cmd.Wait()
	return events, rp.checkReplies()
}

// finish closes recv's input and returns its exit status, the outcome
// events it still showed, and an error if it replied on the wire.
func (rp *recvProc) finish() (int, map[string]any, error) {
	_ = rp.stdin.Close()
	extra := outcomeOf(rp.drain())
	err := rp.cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return 0, nil, err
	}
	if err := rp.checkReplies(); err != nil {
		return 0, nil, err
	}
	return rp.cmd.ProcessState.ExitCode(), extra, nil
}

// checkReplies: recv answers nothing on the wire, except an OTR error
// for each refused line. The soak drops those: it gave the line twice,
// which a real transport does not do, and an error would make the peer
// restart the AKE (error-start-ake).
func (rp *recvProc) checkReplies() error {
	out := rp.stdout.String()
	errs := strings.Count(out, "?OTR Error:")
	if errs > rp.rejected || errs != strings.Count(out, "\n") || (out != "" && !strings.HasPrefix(out, "?OTR Error:")) {
		return fmt.Errorf("recv printed wire lines %q after %d refused lines; the soak expects an OTR error for each and nothing else", out, rp.rejected)
	}
	return nil
}

func (rp *recvProc) drain() []map[string]any {
	var events []map[string]any
	for e := range rp.events {
		events = append(events, e)
	}
	return events
}
