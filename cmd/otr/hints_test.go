package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/otrtool/otr/pkg/otr"
)

// repeated is a run of three words an error and its hint share ("" when
// none): a hint says what to do, not the error again.
func repeated(errText, hint string) string {
	words := func(s string) []string {
		s = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]|\S*/\S*`).ReplaceAllString(strings.ToLower(s), " ") // paths name, they do not say
		return strings.FieldsFunc(s, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
		})
	}
	e, h := words(errText), words(hint)
	seen := map[string]bool{}
	for i := 0; i+3 <= len(e); i++ {
		seen[strings.Join(e[i:i+3], " ")] = true
	}
	for i := 0; i+3 <= len(h); i++ {
		if run := strings.Join(h[i:i+3], " "); seen[run] {
			return run
		}
	}
	return ""
}

// commandSources parses the command's own Go files (not its tests).
func commandSources(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}

// Every withHint(errors.New/fmt.Errorf/usagef("…"), "…") in the command:
// the hint must not repeat its error.
func TestHintsDoNotRepeatTheirErrors(t *testing.T) {
	fset, files := commandSources(t)
	pairs := 0
	for _, f := range files {
		pairs += checkHints(t, fset, f, "")
	}
	if pairs < 15 {
		t.Errorf("walked only %d error/hint pairs", pairs)
	}
}

// The same for errors met at run time, whatever their source.
func TestReportedHintsDoNotRepeat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o600)
	mustRun(t, "", "--state", dir, "keygen")
	mustRun(t, "", "--state", dir, "query", "--peer", "bob")
	cases := [][]string{
		{"--state", filepath.Join(dir, "none"), "send", "--peer", "bob"},
		{"--state", emptyPrivateDir(t), "query", "--peer", "bob"},
		{"--state", dir, "keygen"},
		{"--state", dir, "send", "--peer", "bobb"},
		{"--state", dir, "smp", "start", "--peer", "bob"},
		{"--state", dir, "smp", "answer", "--peer", "bob"},
		{"--state", dir, "trust", "--peer", "bob", "verify"},
		{"--state", dir, "fingerprint", "--peer", "bob"},
		{"--state", file, "status"},
		{"sedn"}, {"smp"}, {"smp", "strat"}, {"send", "--pear", "x"}, {"frobnicate"}, {"completion"},
		{"--state", dir, "send"},
		{"--state", dir, "keygen", "-p", "1"},
		{"--state", dir, "policy", "allow-v4=true"},
	}
	for _, args := range cases {
		_, stderr, code := runInProcess("", args...)
		errLine, hintLine := lineWith(stderr, "otr: error: "), lineWith(stderr, "otr: hint: ")
		if code == 0 || errLine == "" {
			t.Errorf("otr %q: exit %d, %q: want an error", args, code, stderr)
			continue
		}
		if run := repeated(errLine, hintLine); run != "" {
			t.Errorf("otr %q: error and hint both say %q:\n%s", args, run, stderr)
		}
	}
}

func lineWith(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if rest, ok := strings.CutPrefix(l, prefix); ok {
			return rest
		}
	}
	return ""
}

func isCall(call *ast.CallExpr, name string) bool {
	id, ok := call.Fun.(*ast.Ident)
	return ok && id.Name == name
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func TestRepeated(t *testing.T) {
	if run := repeated("the SMP secret is empty", "the smp secret is read from stdin"); run != "the smp secret" {
		t.Errorf("repeated = %q", run)
	}
	if run := repeated("no saved session with %s", "otr query --peer %s begins one"); run != "" {
		t.Errorf("repeated = %q", run)
	}
}

func emptyPrivateDir(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "empty")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// otrErrors are the library's sentinel errors, by the name the command
// uses for them.
var otrErrors = map[string]error{
	"otr.ErrFinished": otr.ErrFinished, "otr.ErrNotEncrypted": otr.ErrNotEncrypted,
	"otr.ErrNoSMPRequest": otr.ErrNoSMPRequest, "otr.ErrNUL": otr.ErrNUL,
	"otr.ErrTooLarge": otr.ErrTooLarge, "otr.ErrMalformed": otr.ErrMalformed,
}

// isSentinelCheck names X in a condition errors.Is(err, otr.X).
func isSentinelCheck(cond ast.Expr) string {
	call, ok := cond.(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return ""
	}
	fn, ok := call.Fun.(*ast.SelectorExpr)
	sel, ok2 := call.Args[1].(*ast.SelectorExpr)
	if !ok || !ok2 || fn.Sel.Name != "Is" {
		return ""
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	name := pkg.Name + "." + sel.Sel.Name
	if _, known := otrErrors[name]; !known {
		return ""
	}
	return name
}

// checkHints walks n; sentinel is the library error that err holds there
// (inside "if errors.Is(err, otr.ErrX)"). It returns the pairs checked.
func checkHints(t *testing.T, fset *token.FileSet, n ast.Node, sentinel string) int {
	pairs := 0
	ast.Inspect(n, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok {
			if name := isSentinelCheck(ifs.Cond); name != "" {
				pairs += checkHints(t, fset, ifs.Body, name)
				return false
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || !isCall(call, "withHint") || len(call.Args) < 2 {
			return true
		}
		hint, ok := stringLit(call.Args[1])
		if !ok {
			return true
		}
		msg := ""
		switch arg := call.Args[0].(type) {
		case *ast.Ident:
			if arg.Name == "err" && sentinel != "" {
				msg = otrErrors[sentinel].Error()
			}
		case *ast.CallExpr:
			if len(arg.Args) > 0 {
				msg, _ = stringLit(arg.Args[0])
			}
		}
		if msg == "" {
			return true
		}
		pairs++
		if run := repeated(msg, hint); run != "" {
			t.Errorf("%s: the error %q and its hint %q both say %q", fset.Position(call.Pos()), msg, hint, run)
		}
		return true
	})
	return pairs
}

// After the peer ended the conversation, send's hint says what to do, not
// the error again.
func TestFinishedSendHint(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	alice.recv(bob.must("", "close", "--peer", bob.peer).stdout)
	r := alice.otr("hi\n", "send", "--peer", alice.peer)
	errLine, hintLine := lineWith(r.stderr, "otr: error: "), lineWith(r.stderr, "otr: hint: ")
	if r.code != exitFailure || !strings.Contains(errLine, "ended the private conversation") || !strings.HasPrefix(hintLine, "run otr close --peer") {
		t.Errorf("send after finished: exit %d, %q", r.code, r.stderr)
	}
	if run := repeated(errLine, hintLine); run != "" {
		t.Errorf("error and hint both say %q", run)
	}
}
