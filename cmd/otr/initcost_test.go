package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoRegexpCompiledAtStart: no package-level variable or init function
// of the command compiles a regular expression (one costs about 1% of an
// otr send, paid by every invocation whether it is used or not); they are
// compiled on first use. Function literals are not run at start, so what
// they call is allowed.
func TestNoRegexpCompiledAtStart(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
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
