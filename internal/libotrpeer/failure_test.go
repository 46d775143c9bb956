package libotrpeer

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// fatalRecorder stands in for t to observe how the harness fails a test.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Skipf(format string, args ...any) {
	f.msg = "skip: " + fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// fatalOf runs step as a test body and returns the message it failed with.
func fatalOf(t *testing.T, step func(tb testing.TB)) string {
	rec := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		step(rec)
	}()
	<-done
	return rec.msg
}

func TestHelperErrorsFailTheTest(t *testing.T) {
	tests := []struct {
		name string
		step func(tb testing.TB)
		want string
	}{
		{"refused command", func(tb testing.TB) {
			p := Start(t, Options{})
			p.t = tb
			p.do("no_such_command")
		}, "unknown command"},
		{"crashed helper", func(tb testing.TB) {
			p := Start(t, Options{})
			p.t = tb
			p.cmd.Process.Kill()
			p.Status()
		}, "crashed"},
		{"stderr attached", func(tb testing.TB) {
			Start(tb, Options{KeyFile: "/nonexistent/otr.private_key"})
		}, "reading key file /nonexistent/otr.private_key"},
	}
	for _, tt := range tests {
		if msg := fatalOf(t, tt.step); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: test failed with %q, want a message containing %q", tt.name, msg, tt.want)
		}
	}
}

func TestUnavailableLibotr(t *testing.T) {
	missing := fmt.Errorf("no cc")
	tests := []struct{ require, want string }{
		{"1", "required (OTR_REQUIRE_LIBOTR=1) but unavailable: no cc"},
		{"", "skip: libotrpeer: libotr test peer unavailable"},
	}
	for _, tt := range tests {
		t.Setenv("OTR_REQUIRE_LIBOTR", tt.require)
		if msg := fatalOf(t, func(tb testing.TB) { unavailable(tb, missing) }); !strings.Contains(msg, tt.want) {
			t.Errorf("OTR_REQUIRE_LIBOTR=%q: %q, want %q", tt.require, msg, tt.want)
		}
	}
}
