package state

import (
	"reflect"
	"testing"
	"time"

	"github.com/otrtool/otr/pkg/otr"
)

// fill sets every field reachable from v to a non-zero value derived from
// *n, so that a field the file format drops cannot go unnoticed, including
// fields added to otr.State later.
func fill(t *testing.T, v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2024, 1, 2, 3, 4, 5, *n, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.IsExported() && f.Tag.Get("toml") != "-" { // "-": not saved by design
				fill(t, v.Field(i), n)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.String:
		v.SetString("s\t\"" + string(rune('a'+*n%26)) + "\nü")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	default:
		t.Fatalf("fill: no rule for %s", v.Type())
	}
}

func TestPeerRoundTripsEveryField(t *testing.T) {
	s := newStore(t)
	var p Peer
	n := 0
	fill(t, reflect.ValueOf(&p).Elem(), &n)
	p.Name = "carol@example.org/laptop"
	p.Known[0].Trust, p.Known[1].Trust = TrustSMP, TrustHand
	if err := s.SavePeer(&p); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadPeer(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, p) {
		t.Errorf("round trip changed the peer:\n got %+v\nwant %+v", *got, p)
	}
}

func TestIdentityRoundTrips(t *testing.T) {
	s := newStore(t)
	want := NewIdentity(testKey, 0xfedcba98, time.Now())
	want.Policy = otr.Policy{AllowV3: true, RequireEncryption: true, SendWhitespaceTag: true}
	if err := s.SaveIdentity(want); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadIdentity()
	if err != nil {
		t.Fatal(err)
	}
	want.PrivateKey() // fill the same cache LoadIdentity fills
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the identity:\n got %+v\nwant %+v", got, want)
	}
	key, err := got.Key.PrivateKey()
	if err != nil || !key.PublicKey.Equal(&testKey.PublicKey) || key.X.Cmp(testKey.X) != 0 {
		t.Errorf("key did not round-trip: %v", err)
	}
}

func TestMissingPeerIsNew(t *testing.T) {
	s := newStore(t)
	p, err := s.LoadPeer("nobody")
	if err != nil || p.Name != "nobody" || p.Version != FormatVersion || len(p.Known) != 0 {
		t.Fatalf("LoadPeer(missing) = %+v, %v", p, err)
	}
}

func TestPeersListsSavedNames(t *testing.T) {
	s := newStore(t)
	for _, n := range []string{"b b", "a/1", ".z"} {
		if err := s.SavePeer(NewPeer(n)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Peers()
	if err != nil || !reflect.DeepEqual(got, []string{".z", "a/1", "b b"}) {
		t.Errorf("Peers() = %q, %v", got, err)
	}
}

func TestSeeTracksFingerprints(t *testing.T) {
	p := NewPeer("x")
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	k, isNew := p.See([]byte{1, 2}, now)
	if !isNew || k.Trust != Unverified || !k.FirstSeen.Equal(now) {
		t.Fatalf("first See: %+v new=%v", k, isNew)
	}
	k.Trust = TrustSMP
	later := now.Add(time.Hour)
	k, isNew = p.See([]byte{1, 2}, later)
	if isNew || k.Trust != TrustSMP || !k.LastSeen.Equal(later) || !k.FirstSeen.Equal(now) {
		t.Fatalf("second See: %+v new=%v", k, isNew)
	}
	if len(p.Known) != 1 {
		t.Fatalf("known = %d, want 1", len(p.Known))
	}
}
