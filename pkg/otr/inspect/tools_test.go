package inspect

import (
	"encoding/hex"
	"strconv"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

func TestSessKeysMatchesLibotr(t *testing.T) {
	_, aliceState, bobState := run(t, 0)
	type pair struct{ priv, pub []byte }
	pairs := []pair{
		{[]byte{1}, []byte{2}},
		{aliceState.Keys.OurCurrent.Private, aliceState.Keys.TheirCurrent},
		{aliceState.Keys.OurPrevious.Private, aliceState.Keys.TheirPrevious},
		{bobState.Keys.OurCurrent.Private, bobState.Keys.TheirCurrent},
	}
	for _, p := range pairs {
		k, err := ComputeSessKeys(p.priv, p.pub)
		if err != nil {
			t.Fatal(err)
		}
		want := runTool(t, "", "otr_sesskeys", hex.EncodeToString(p.priv), hex.EncodeToString(p.pub))
		if got := k.LibotrText(); got != want {
			t.Errorf("sesskeys differ from otr_sesskeys:\n got %q\nwant %q", got, want)
		}
	}
}

// Our derivation agrees with pkg/otr's keys cached in a saved session.
func TestSessKeysMatchesPkgOtr(t *testing.T) {
	_, st, _ := run(t, 0)
	ks := st.Keys
	ours := map[uint32][]byte{ks.OurKeyID: ks.OurCurrent.Private, ks.OurKeyID - 1: ks.OurPrevious.Private}
	theirs := map[uint32][]byte{ks.TheirKeyID: ks.TheirCurrent, ks.TheirKeyID - 1: ks.TheirPrevious}
	checked := 0
	for _, s := range ks.Sessions {
		priv, pub := ours[s.OurKeyID], theirs[s.TheirKeyID]
		if len(priv) == 0 || len(pub) == 0 {
			continue
		}
		k, err := ComputeSessKeys(priv, pub)
		if err != nil {
			t.Fatal(err)
		}
		if Hex(s.SendAES).String() != k.SendAES.String() || Hex(s.RecvMAC).String() != k.RecvMAC.String() || Hex(s.ExtraKey).String() != k.ExtraKey.String() {
			t.Errorf("keys %d/%d differ from pkg/otr's", s.OurKeyID, s.TheirKeyID)
		}
		checked++
	}
	if checked == 0 {
		t.Fatalf("the saved session caches no derivable keys: %+v", ks.Sessions)
	}
}

func TestSessKeysRefusesBadPublic(t *testing.T) {
	for _, pub := range [][]byte{{}, {1}, {0}} {
		if _, err := ComputeSessKeys([]byte{5}, pub); err == nil {
			t.Errorf("public value %x accepted", pub)
		}
	}
}

func TestMACKeyMatchesLibotr(t *testing.T) {
	for _, k := range []string{"000102030405060708090a0b0c0d0e0f", "ffffffffffffffffffffffffffffffff", "8f1e2d3c4b5a69788796a5b4c3d2e1f0"} {
		key, _ := hex.DecodeString(k)
		if got, want := MACKeyText(key), runTool(t, "", "otr_mackey", k); got != want {
			t.Errorf("mackey %s: got %q, want %q", k, got, want)
		}
	}
}

// heldBack is a data message bob sent but nobody delivered yet, with
// alice ready to receive it and bob's key for it.
func heldBack(t *testing.T, text string) (alice *otr.Conversation, line string, key SessionKey) {
	s := newSession(t, 0)
	s.deliver(s.alice, s.alice.c.Query().Messages)
	s.send(s.alice, "warming up", otr.SendOptions{})
	res, err := s.bob.c.Send(text)
	if err != nil || len(res.Messages) != 1 {
		t.Fatalf("send: %v %v", res.Messages, err)
	}
	keys := &Keyring{}
	keys.AddState(s.bob.c.State)
	key, ok := keys.Find(res.Messages[0])
	if !ok || key.Direction != DirSent {
		t.Fatalf("bob's state has no key for his message (%v, %s)", ok, key.Direction)
	}
	return s.alice.c, res.Messages[0], key
}

func receiveText(t *testing.T, c *otr.Conversation, line string) string {
	t.Helper()
	res, err := c.Receive(line)
	if err != nil {
		t.Fatalf("receiver refused the forged message: %v", err)
	}
	for _, e := range res.Events {
		if e.Kind == otr.EventMessage {
			return e.Text
		}
	}
	t.Fatalf("no message shown: %+v", res.Events)
	return ""
}

func TestReadForgeMatchesLibotrAndIsAccepted(t *testing.T) {
	alice, line, key := heldBack(t, "meet at noon")
	forged := "meet at midnight, bring cash"
	r, err := ReadForge(line, key.AES, ForgeOptions{Replace: &forged})
	if err != nil {
		t.Fatal(err)
	}
	if !r.MACValid || r.Decrypted.Text != "meet at noon" {
		t.Errorf("read %+v", r)
	}
	out := runTool(t, line+"\n", "otr_readforge", hex.EncodeToString(key.AES), forged)
	want := "Plaintext: ``meet at noon''\n" + r.Forged + "\n"
	if out != want {
		t.Errorf("otr_readforge printed\n%q\nwant\n%q", out, want)
	}
	if got := receiveText(t, alice, r.Forged); got != forged {
		t.Errorf("receiver shows %q, want %q", got, forged)
	}
}

func TestReadForgeKeepLength(t *testing.T) {
	_, line, key := heldBack(t, "meet at noon")
	short := "run"
	r, err := ReadForge(line, key.AES, ForgeOptions{Replace: &short, KeepLength: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Forged) != len(line) {
		t.Errorf("length changed: %d -> %d", len(line), len(r.Forged))
	}
	again, err := ReadForge(r.Forged, key.AES, ForgeOptions{})
	if err != nil || !again.MACValid || again.Decrypted.Text != "run         " {
		t.Errorf("forged message reads %+v, %v", again.Decrypted, err)
	}
	long := "this is far too long for it"
	if _, err := ReadForge(line, key.AES, ForgeOptions{Replace: &long, KeepLength: true}); err == nil {
		t.Error("a longer text was accepted with KeepLength")
	}
}

// The deniability demo: once alice reveals the MAC key that checked bob's
// message, anyone can alter that message so that it still verifies; alice
// herself, holding the session of the time, accepts the forgery.
func TestRevealedMACKeyForgesAcceptedMessage(t *testing.T) {
	s := newSession(t, 0)
	s.deliver(s.alice, s.alice.c.Query().Messages)
	res, err := s.bob.c.Send("I owe you nothing")
	if err != nil {
		t.Fatal(err)
	}
	original := res.Messages[0]
	aliceBefore := s.alice.c.State
	s.deliver(s.bob, res.Messages)
	revealed := revealedKeyFor(t, s, original)

	forged, err := Modify(original, revealed, "nothing", "$100000", len("I owe you "))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := FieldsOf(original)
	g, _ := FieldsOf(forged)
	f.Encrypted = g.Encrypted
	remacked, err := Assemble(f, revealed)
	if err != nil || remacked != forged {
		t.Errorf("Assemble gives %q (%v), Modify %q", remacked, err, forged)
	}
	judge := &otr.Conversation{Config: s.alice.c.Config, State: aliceBefore}
	if got := receiveText(t, judge, forged); got != "I owe you $100000" {
		t.Errorf("forged message reads %q", got)
	}

	// libotr's tools make exactly the same lines.
	kh := hex.EncodeToString(revealed)
	if out := runTool(t, original+"\n", "otr_modify", kh, "nothing", "$100000", "10"); out != forged+"\n" {
		t.Errorf("otr_modify gives %q, we %q", out, forged)
	}
	args := []string{kh, itoa(g.SenderTag), itoa(g.ReceiverTag), itoa(uint32(g.Flags)), itoa(g.SenderKeyID), itoa(g.RecipKeyID),
		hex.EncodeToString(g.NextDH), hex.EncodeToString(g.Counter), hex.EncodeToString(g.Encrypted), hex.EncodeToString(g.OldMACKeys)}
	if out := runTool(t, "", "otr_remac", args...); out != forged+"\n" {
		t.Errorf("otr_remac gives %q, we %q", out, forged)
	}
}

// revealedKeyFor talks until alice reveals the MAC key that verifies msg.
func revealedKeyFor(t *testing.T, s *session, msg string) []byte {
	for i := range 6 {
		from := s.alice
		if i%2 == 1 {
			from = s.bob
		}
		res, err := from.c.Send("more talk")
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range res.Messages {
			for _, k := range Inspect(l).Encoded.Data.OldMACKeys {
				if ok, _ := Verify(msg, k); ok && from == s.alice {
					return k
				}
			}
		}
		s.deliver(from, res.Messages)
	}
	t.Fatal("alice never revealed the MAC key")
	return nil
}

func itoa(v uint32) string { return strconv.FormatUint(uint64(v), 10) }
