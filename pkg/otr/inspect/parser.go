package inspect

import (
	"github.com/otrtool/otr/pkg/otr/internal/wire"
)

// Parser describes lines one after the other, keeping what spans lines:
// fragments being reassembled (one buffer per sender, so two parties'
// interleaved fragments in a transcript do not clash) and the keys to
// decrypt data messages with. The zero value is ready to use.
type Parser struct {
	// Keys, if set, decrypt data messages.
	Keys *Keyring
	asm  map[fragmentSender]*wire.Assembler
}

// fragmentSender tells fragment streams apart: v3 by sender instance
// tag, v2 (no tags) all together.
type fragmentSender struct {
	version int
	tag     uint32
}

// Inspect describes one line on its own (a fragment is shown, never
// reassembled; use a Parser for that).
func Inspect(line string) Message {
	var p Parser
	return p.Parse(line)
}

// Parse describes one line.
func (p *Parser) Parse(line string) Message {
	m := describeText(line)
	switch {
	case m.Kind == KindEncoded && m.Problem == nil:
		p.decrypt(line, &m)
	case m.Kind == KindFragment && m.Fragment != nil:
		p.reassemble(&m)
	}
	return m
}

// reassemble feeds a fragment to its sender's buffer and describes the
// whole message when it completes.
func (p *Parser) reassemble(m *Message) {
	f := m.Fragment
	key := fragmentSender{version: f.Version}
	if f.SenderTag != nil {
		key.tag = *f.SenderTag
	}
	a := p.assembler(key)
	before := a.K
	whole, complete, err := a.Add(wire.Fragment{Version: f.Version, K: f.K, N: f.N, Piece: f.Piece})
	switch {
	case err != nil:
		f.Status = "dropped: " + err.Error()
	case complete:
		f.Status = "complete"
		r := describeText(whole)
		r.Text = whole // the reassembled line itself, which no single line shows
		if r.Kind == KindEncoded && r.Problem == nil {
			p.decrypt(whole, &r)
		}
		m.Reassembled = &r
	case a.K == f.K:
		f.Status = "stored"
	default:
		f.Status = "dropped: out of sequence"
		if before > 0 {
			f.Status += " (the stored pieces are forgotten)"
		}
	}
}

func (p *Parser) assembler(key fragmentSender) *wire.Assembler {
	if p.asm == nil {
		p.asm = map[fragmentSender]*wire.Assembler{}
	}
	a, ok := p.asm[key]
	if !ok {
		a = &wire.Assembler{}
		p.asm[key] = a
	}
	return a
}

// decrypt opens a data message with the keyring, if any.
func (p *Parser) decrypt(line string, m *Message) {
	if p.Keys == nil || m.Encoded == nil || m.Encoded.Data == nil {
		return
	}
	bin, err := wire.DecodeMessage(line)
	if err != nil {
		return
	}
	msg, err := wire.Decode(bin)
	if err != nil {
		return
	}
	if d, ok := msg.(*wire.Data); ok {
		m.Encoded.Data.Decrypted = p.Keys.Open(d)
		if m.Encoded.Data.Decrypted == nil {
			m.Encoded.Data.Undecrypted = p.Keys.whyNot(d)
		}
	}
}
