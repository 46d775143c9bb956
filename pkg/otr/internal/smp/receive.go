package smp

import (
	"fmt"
	"math/big"
)

// Receive handles an SMP TLV from the peer: types 2 and 7 (message 1; the
// caller strips 7's question), 3, 4, 5 (messages 2–4) and 6 (abort).
//
// When replyType is not 0 the caller sends a TLV of that type holding
// reply (none for type 6). A message in the wrong state, a value out of
// range or a failed proof returns an error, outcome Aborted and replyType
// 6 (TypeAbort), and the state returns to EXPECT1: the spec's rule, and
// what libotr plus its applications do (libotr reports
// OTRL_SMPEVENT_ERROR/CHEATED and the application calls
// otrl_message_abort_smp, which sends TLV 6). An abort from the peer
// resets quietly: outcome Aborted, no error, nothing to send.
func (s *State) Receive(tlvType uint16, mpis []*big.Int) (reply []*big.Int, replyType uint16, outcome Outcome, err error) {
	reply, replyType, outcome, err = s.dispatch(tlvType, mpis)
	if err != nil && outcome == Aborted {
		s.reset()
		return nil, TypeAbort, Aborted, err
	}
	return reply, replyType, outcome, err
}

func (s *State) dispatch(tlvType uint16, mpis []*big.Int) ([]*big.Int, uint16, Outcome, error) {
	switch tlvType {
	case TypeAbort:
		s.reset()
		return nil, 0, Aborted, nil
	case TypeMsg1, TypeMsg1Q:
		return s.onMsg1(mpis)
	case TypeMsg2:
		return s.onMsg2(mpis)
	case TypeMsg3:
		return s.onMsg3(mpis)
	case TypeMsg4:
		return s.onMsg4(mpis)
	}
	return nil, 0, None, fmt.Errorf("%w: %d", ErrUnknownType, tlvType)
}

// wrongState is the error for a message that does not fit the state.
func (s *State) wrongState(msg int) error {
	return fmt.Errorf("%w: got message %d while expecting message %d", ErrState, msg, s.expect())
}

// onMsg1 accepts a new request in EXPECT1, also while an earlier request
// still waits for its answer (libotr then simply asks again).
func (s *State) onMsg1(m []*big.Int) ([]*big.Int, uint16, Outcome, error) {
	if s.expect() != 1 {
		return nil, 0, Aborted, s.wrongState(1)
	}
	if err := s.receiveMsg1(m); err != nil {
		return nil, 0, Aborted, err
	}
	return nil, 0, Request, nil
}

func (s *State) onMsg2(m []*big.Int) ([]*big.Int, uint16, Outcome, error) {
	if s.expect() != 2 {
		return nil, 0, Aborted, s.wrongState(2)
	}
	reply, err := s.receiveMsg2(m)
	if err != nil {
		return nil, 0, Aborted, err
	}
	return reply, TypeMsg3, None, nil
}

func (s *State) onMsg3(m []*big.Int) ([]*big.Int, uint16, Outcome, error) {
	if s.expect() != 3 {
		return nil, 0, Aborted, s.wrongState(3)
	}
	reply, outcome, err := s.receiveMsg3(m)
	if err != nil {
		return nil, 0, Aborted, err
	}
	s.reset()
	return reply, TypeMsg4, outcome, nil
}

func (s *State) onMsg4(m []*big.Int) ([]*big.Int, uint16, Outcome, error) {
	if s.expect() != 4 {
		return nil, 0, Aborted, s.wrongState(4)
	}
	outcome, err := s.receiveMsg4(m)
	if err != nil {
		return nil, 0, Aborted, err
	}
	s.reset()
	return nil, 0, outcome, nil
}
