package main

import (
	"bytes"
	"go/ast"
	"go/token"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoRegexpCompiledAtStart: no package-level variable or init function
// of the command compiles a regular expression (one costs about 1% of an
// otr send, paid by every invocation whether it is used or not); they are
// compiled on first use. Function literals are not run at start, so what
// they call is allowed.
func TestNoRegexpCompiledAtStart(t *testing.T) {
	fset, files := commandSources(t)
	for _, f := range files {
		for _, decl := range f.Decls {
			var atStart []ast.Node
			switch d := decl.(type) {
			case *ast.GenDecl:
				if d.Tok == token.VAR {
					atStart = append(atStart, d)
				}
			case *ast.FuncDecl:
				if d.Name.Name == "init" && d.Recv == nil {
					atStart = append(atStart, d.Body)
				}
			}
			for _, n := range atStart {
				ast.Inspect(n, func(n ast.Node) bool {
					if _, ok := n.(*ast.FuncLit); ok {
						return false
					}
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
						if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "regexp" {
							t.Errorf("%s: regexp.%s runs at start", fset.Position(sel.Pos()), sel.Sel.Name)
						}
					}
					return true
				})
			}
		}
	}
}

// TestBigStackInitialisedFirst: internal/bigstack grows the stack before
// the initialisers that used to grow it step by step (compiling regular
// expressions, reading the time zone) and before every package outside
// the standard library, as the runtime's own trace of initialisers shows.
func TestBigStackInitialisedFirst(t *testing.T) {
	cmd := exec.Command(otrBinary(t), "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var trace bytes.Buffer
	cmd.Stderr = &trace
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, line := range strings.Split(trace.String(), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != "init" {
			continue
		}
		pkg := f[1]
		if pkg == "github.com/otrtool/otr/internal/bigstack" {
			seen = true
			continue
		}
		thirdParty := strings.Contains(strings.Split(pkg, "/")[0], ".")
		if !seen && (thirdParty || pkg == "regexp" || pkg == "regexp/syntax" || pkg == "time") {
			t.Errorf("%s is initialised before internal/bigstack", pkg)
		}
	}
	if !seen {
		t.Errorf("internal/bigstack is not initialised:\n%s", trace.String())
	}
}
