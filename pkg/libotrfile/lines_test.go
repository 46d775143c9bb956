package libotrfile

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const fpA = "0123456789abcdef0123456789abcdef01234567"

func fpBytes(t *testing.T, s string) []byte {
	t.Helper()
	f, err := parseFingerprintLine("u\ta\tp\t" + s)
	if err != nil {
		t.Fatal(err)
	}
	return f.Fingerprint
}

func TestReadFingerprints(t *testing.T) {
	in := "bob@example.org\talice@example.org\tprpl-jabber\t" + fpA + "\tverified\n" +
		"\n" +
		"carol\talice\tIRC\t" + strings.ToUpper(fpA) + "\r\n" +
		"dave x\talice\tIRC\t" + fpA + "\t\n" +
		"eve\talice\tIRC\t" + fpA + "\tsmp\twith a tab" // no final newline
	got, err := ReadFingerprints(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	fp := fpBytes(t, fpA)
	want := []KnownFingerprint{
		{"bob@example.org", "alice@example.org", "prpl-jabber", fp, "verified"},
		{"carol", "alice", "IRC", fp, ""},
		{"dave x", "alice", "IRC", fp, ""},
		{"eve", "alice", "IRC", fp, "smp\twith a tab"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if !got[0].Trusted() || got[1].Trusted() {
		t.Error("Trusted: want true for a trust text, false for none")
	}
}

func TestReadFingerprintsErrors(t *testing.T) {
	good := "u\ta\tp\t" + fpA + "\tverified\n"
	tests := []struct {
		name, in string
		line     int
		text     string
	}{
		{"too few fields", good + "u\ta\tp\n", 2, "found 3 fields"},
		{"no tab", "just text\n", 1, "found 1 fields"},
		{"short fingerprint", good + good + "u\ta\tp\t0123\n", 3, "not 40 hex"},
		{"not hex", "u\ta\tp\t" + strings.Repeat("g", 40) + "\n", 1, "not 40 hex"},
		{"too long", good + strings.Repeat("x", maxLineLen+1), 2, "longer than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFingerprints(strings.NewReader(tc.in))
			var pe *PosError
			if !errors.As(err, &pe) || pe.Line != tc.line || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("got %v, want %q on line %d", err, tc.text, tc.line)
			}
		})
	}
}

func TestWriteFingerprints(t *testing.T) {
	fp := fpBytes(t, fpA)
	in := []KnownFingerprint{
		{"bob", "alice@example.org", "prpl-jabber", fp, "verified"},
		{"b\xc3\xb6b x", "alice", "IRC", fp, ""},
		{"carol", "alice", "IRC", fp, "smp\tnote"},
	}
	var out bytes.Buffer
	if err := WriteFingerprints(&out, in); err != nil {
		t.Fatal(err)
	}
	want := "bob\talice@example.org\tprpl-jabber\t" + fpA + "\tverified\n" +
		"b\xc3\xb6b x\talice\tIRC\t" + fpA + "\t\n" +
		"carol\talice\tIRC\t" + fpA + "\tsmp\tnote\n"
	if out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
	back, err := ReadFingerprints(&out)
	if err != nil || !reflect.DeepEqual(back, in) {
		t.Fatalf("round trip: got %q, %v", back, err)
	}
}

func TestWriteFingerprintsRejects(t *testing.T) {
	fp := fpBytes(t, fpA)
	tests := []struct {
		name string
		f    KnownFingerprint
	}{
		{"tab in username", KnownFingerprint{"a\tb", "a", "p", fp, ""}},
		{"newline in account", KnownFingerprint{"u", "a\nb", "p", fp, ""}},
		{"CR in protocol", KnownFingerprint{"u", "a", "p\r", fp, ""}},
		{"NUL in username", KnownFingerprint{"u\x00", "a", "p", fp, ""}},
		{"newline in trust", KnownFingerprint{"u", "a", "p", fp, "x\ny"}},
		{"short fingerprint", KnownFingerprint{"u", "a", "p", fp[:19], ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := WriteFingerprints(&out, []KnownFingerprint{tc.f}); !errors.Is(err, ErrUnwritable) || out.Len() != 0 {
				t.Fatalf("got %v and %d bytes, want ErrUnwritable and nothing written", err, out.Len())
			}
		})
	}
}

func TestReadInstanceTags(t *testing.T) {
	in := instanceTagsHeader +
		"alice@example.org\tprpl-jabber\t8f0becb5\n" +
		"\n" +
		"bob\tIRC\t00000100\r\n" +
		"carol x\tIRC\tFFFFFFFF"
	got, err := ReadInstanceTags(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []InstanceTag{
		{"alice@example.org", "prpl-jabber", 0x8f0becb5},
		{"bob", "IRC", 0x100},
		{"carol x", "IRC", 0xffffffff},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestReadInstanceTagsErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		text     string
		is       error
	}{
		{"too few fields", "a\t00000100\n", 1, "found 2 fields", ErrSyntax},
		{"too many fields", "#\na\tp\t00000100\tx\n", 2, "found 4 fields", ErrSyntax},
		{"short tag", "a\tp\t100\n", 1, "not 8 hex", ErrSyntax},
		{"not hex", "a\tp\t0000010g\n", 1, "not 8 hex", ErrSyntax},
		{"signed", "a\tp\t+0000100\n", 1, "not 8 hex", ErrSyntax},
		{"reserved tag", "a\tp\t000000ff\n", 1, "below the smallest", ErrFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadInstanceTags(strings.NewReader(tc.in))
			var pe *PosError
			if !errors.As(err, &pe) || !errors.Is(err, tc.is) || pe.Line != tc.line || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("got %v, want %q on line %d", err, tc.text, tc.line)
			}
		})
	}
}

func TestWriteInstanceTags(t *testing.T) {
	in := []InstanceTag{{"alice@example.org", "prpl-jabber", 0x8f0becb5}, {"b\xc3\xb6b", "IRC", 0x100}}
	var out bytes.Buffer
	if err := WriteInstanceTags(&out, in); err != nil {
		t.Fatal(err)
	}
	want := instanceTagsHeader + "alice@example.org\tprpl-jabber\t8f0becb5\nb\xc3\xb6b\tIRC\t00000100\n"
	if out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
	for _, bad := range []InstanceTag{{"a", "p", 0xff}, {"a\tb", "p", 0x100}, {"a", "p\n", 0x100}} {
		if err := WriteInstanceTags(&out, []InstanceTag{bad}); !errors.Is(err, ErrUnwritable) {
			t.Errorf("%+v: got %v, want ErrUnwritable", bad, err)
		}
	}
}
