package otr

// answeredQuestion is the peer's question of the run we are answering:
// set while we answered (or are asked) a question, zero otherwise.
//
// As libotr (its received_question) and pidgin-otr: when we answered the
// peer's question, the run shows the peer that we know the answer, but
// it does not verify the peer to us: the peer chose the question, and
// anyone in the middle could pass on the real question and guess, or
// know, an answer. The outcome events then carry the question
// (HasQuestion), and callers that keep trust leave it alone. Without a
// question both sides chose the same secret, and both may mark the peer.
func (s SMPState) answeredQuestion() SMPState {
	if !s.HasQuestion {
		return SMPState{}
	}
	return SMPState{Question: s.Question, HasQuestion: true}
}
