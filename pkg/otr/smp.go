package otr

import (
	"bytes"
	"fmt"
	"math/big"

	"github.com/otrtool/otr/pkg/otr/internal/smp"
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// SMPState is the Socialist Millionaires' Protocol state of a
// conversation: the SMP engine's values plus the question of a request
// that waits for the user's answer.
type SMPState struct {
	smp.State
	// Question is the peer's question when HasQuestion (TLV 7).
	Question    string `toml:"question,omitempty" json:"question,omitempty"`
	HasQuestion bool   `toml:"has_question,omitempty" json:"has_question,omitempty"`
}

// maxSMPQuestion leaves room in TLV 7 for the NUL and message 1's MPIs.
const maxSMPQuestion = 0xffff - 2048

// smpMPICounts is how many MPIs each SMP message carries.
var smpMPICounts = map[uint16]int{TLVSMP1: 6, TLVSMP1Q: 6, TLVSMP2: 11, TLVSMP3: 8, TLVSMP4: 3}

// SMPInProgress reports whether an SMP exchange runs or waits for our answer.
func (c *Conversation) SMPInProgress() bool { return c.State.SMP.InProgress() }

// SMPRequestPending reports whether the peer's SMP request waits for AnswerSMP.
func (c *Conversation) SMPRequestPending() bool { return c.State.SMP.AwaitingAnswer() }

// StartSMP starts the Socialist Millionaires' Protocol with a secret and an
// optional question ("" for none). An exchange already running is aborted
// first, as libotr does.
func (c *Conversation) StartSMP(secret []byte, question string) (Result, error) {
	return c.SendWithSMP("", secret, question)
}

// SendWithSMP sends text (possibly empty) with the first SMP message in
// the same data message.
func (c *Conversation) SendWithSMP(text string, secret []byte, question string) (Result, error) {
	var res Result
	if c.State.MsgState != MsgEncrypted {
		return res, ErrNotEncrypted
	}
	if err := checkText("SMP question", question); err != nil {
		return res, err
	}
	if err := checkText("message", text); err != nil {
		return res, err
	}
	if len(question) > maxSMPQuestion {
		return res, fmt.Errorf("%w: SMP question of %d bytes (at most %d)", ErrTooLarge, len(question), maxSMPQuestion)
	}
	if c.State.SMP.InProgress() {
		if err := c.sendSMPAbort(&res); err != nil {
			return Result{}, err
		}
	}
	s := c.smpEngine()
	mpis, err := s.Start(c.Config.rand(), smp.Secret(c.ourFingerprint(), c.State.TheirFingerprint(), c.State.SSID, secret))
	if err != nil {
		return Result{}, err
	}
	tlv := TLV{Type: TLVSMP1, Value: wire.AppendMPIs(nil, mpis)}
	if question != "" {
		tlv = TLV{Type: TLVSMP1Q, Value: wire.AppendMPIs(append([]byte(question), 0), mpis)}
	}
	c.State.SMP = SMPState{State: *s}
	return res, c.sendSMP(text, tlv, &res)
}

// AnswerSMP answers the peer's SMP request with our secret.
func (c *Conversation) AnswerSMP(secret []byte) (Result, error) {
	var res Result
	if c.State.MsgState != MsgEncrypted {
		return res, ErrNotEncrypted
	}
	if !c.State.SMP.AwaitingAnswer() {
		return res, ErrNoSMPRequest
	}
	s := c.smpEngine()
	mpis, err := s.Answer(c.Config.rand(), smp.Secret(c.State.TheirFingerprint(), c.ourFingerprint(), c.State.SSID, secret))
	if err != nil {
		return Result{}, err
	}
	// The question stays until the run ends: it decides, as in libotr,
	// that the run does not verify the peer (see answeredQuestion).
	c.State.SMP = SMPState{State: *s, Question: c.State.SMP.Question, HasQuestion: c.State.SMP.HasQuestion}
	return res, c.sendSMP("", TLV{Type: TLVSMP2, Value: wire.AppendMPIs(nil, mpis)}, &res)
}

// AbortSMP aborts any SMP in progress and tells the peer.
func (c *Conversation) AbortSMP() (Result, error) {
	var res Result
	if c.State.MsgState != MsgEncrypted {
		c.State.SMP = SMPState{}
		return res, nil
	}
	if err := c.sendSMPAbort(&res); err != nil {
		return Result{}, err
	}
	res.event(Event{Kind: EventSMPAborted, Text: "aborted by us"})
	return res, nil
}

func (c *Conversation) sendSMPAbort(res *Result) error {
	c.State.SMP = SMPState{}
	return c.sendSMP("", TLV{Type: TLVSMPAbort}, res)
}

// sendSMP sends an SMP TLV (with text, if any) flagged IGNORE_UNREADABLE,
// fragmented to SMPFragmentSize when that is set.
func (c *Conversation) sendSMP(text string, tlv TLV, res *Result) error {
	plain, err := plaintextWith(text, []TLV{tlv}, 0)
	if err != nil {
		return err
	}
	if n := c.Config.SMPFragmentSize; n > 0 {
		saved := c.Config.FragmentSize
		c.Config.FragmentSize = n
		defer func() { c.Config.FragmentSize = saved }()
	}
	flags := byte(wire.FlagIgnoreUnreadable)
	if text != "" {
		flags = 0
	}
	debugSMP(res, "sent", tlv.Type)
	return c.sendData(plain, flags, res)
}

// receiveSMP runs an SMP TLV through the engine. A bad or out-of-order
// message aborts the exchange (TLV 6 to the peer) and is reported; it is
// not an error of the data message that carried it.
func (c *Conversation) receiveSMP(t TLV, res *Result) error {
	debugSMP(res, "received", t.Type)
	answered := c.State.SMP.answeredQuestion()
	s := c.smpEngine()
	question, hasQuestion, mpis, err := parseSMPTLV(t)
	var reply []*big.Int
	var replyType uint16
	var outcome smp.Outcome
	if err != nil {
		s.Abort()
		replyType, outcome = TLVSMPAbort, smp.Aborted
	} else {
		reply, replyType, outcome, err = s.Receive(t.Type, mpis)
	}
	c.State.SMP = SMPState{State: *s}
	if outcome == smp.Request {
		c.State.SMP.Question, c.State.SMP.HasQuestion = question, hasQuestion
	}
	if err != nil {
		res.event(Event{Kind: EventError, Text: "SMP: " + err.Error(), Err: err})
	}
	if outcome == smp.Succeeded || outcome == smp.Failed {
		question, hasQuestion = answered.Question, answered.HasQuestion
	}
	c.smpEvent(outcome, question, hasQuestion, res)
	if replyType == 0 {
		return nil
	}
	var value []byte
	if replyType != TLVSMPAbort {
		value = wire.AppendMPIs(nil, reply)
	}
	return c.sendSMP("", TLV{Type: replyType, Value: value}, res)
}

// parseSMPTLV splits a TLV 7's question from its MPIs and parses them.
func parseSMPTLV(t TLV) (question string, hasQuestion bool, mpis []*big.Int, err error) {
	if t.Type == TLVSMPAbort {
		return "", false, nil, nil
	}
	value := t.Value
	if t.Type == TLVSMP1Q {
		q, rest, ok := bytes.Cut(value, []byte{0})
		if !ok {
			return "", false, nil, fmt.Errorf("%w: SMP question without its NUL", ErrMalformed)
		}
		question, hasQuestion, value = string(q), true, rest
	}
	mpis, err = wire.ParseMPIs(value, smpMPICounts[t.Type])
	if err != nil {
		return "", false, nil, fmt.Errorf("%w: SMP message: %v", ErrMalformed, err)
	}
	return question, hasQuestion, mpis, nil
}

// smpEvent raises the event for an SMP outcome.
func (c *Conversation) smpEvent(o smp.Outcome, question string, hasQuestion bool, res *Result) {
	switch o {
	case smp.Request:
		res.event(Event{Kind: EventSMPRequest, Question: question, HasQuestion: hasQuestion})
	case smp.Succeeded:
		res.event(Event{Kind: EventSMPSucceeded, Fingerprint: c.State.TheirFingerprint(), Question: question, HasQuestion: hasQuestion})
	case smp.Failed:
		res.event(Event{Kind: EventSMPFailed, Fingerprint: c.State.TheirFingerprint(), Question: question, HasQuestion: hasQuestion})
	case smp.Aborted:
		res.event(Event{Kind: EventSMPAborted})
	}
}

// smpEngine is a working copy of the SMP engine with our randomness.
func (c *Conversation) smpEngine() *smp.State {
	s := c.State.SMP.State
	s.Rand = c.Config.rand()
	return &s
}

func (c *Conversation) ourFingerprint() []byte { return c.Config.PrivateKey.Fingerprint() }
