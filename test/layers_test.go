package test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/streamcdk/streamcdk/"

// TestLayers: the folders show the layers. Construct packages import only constructs' own
// packages (and public modules); stacks composes constructs and imports no app-tier package;
// the app tier (root internal/) sits above stacks; test tooling (test/...) is imported by tests
// only.
func TestLayers(t *testing.T) {
	rules := []struct {
		from   string // package folder prefix
		denied []string
		why    string
	}{
		{"constructs/", []string{"stacks", "internal/", "test/", "main"}, "constructs import only constructs/... and public modules"},
		{"stacks", []string{"internal/", "test/"}, "stacks composes constructs; the app tier (internal/) sits above it"},
		{"internal/", []string{"test/"}, "test tooling is for tests"},
	}
	eachSource(t, func(path string) error {
		rel, _ := filepath.Rel("..", filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			inner, ok := strings.CutPrefix(p, module)
			if !ok {
				continue
			}
			for _, r := range rules {
				if !strings.HasPrefix(rel+"/", r.from) && rel != strings.TrimSuffix(r.from, "/") {
					continue
				}
				for _, d := range r.denied {
					if strings.HasPrefix(inner, d) || inner == strings.TrimSuffix(d, "/") {
						t.Errorf("%s imports %s: %s", path, p, r.why)
					}
				}
			}
		}
		return nil
	})
}

// eachSource calls fn with every non-test Go file of the module (not testdata, cdk.out or
// node_modules).
func eachSource(t *testing.T, fn func(path string) error) {
	t.Helper()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), "cdk.out")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		return fn(path)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// MaxFunctionLines bounds a non-test function: longer ones are split into named steps that read
// as the workflow they build.
const MaxFunctionLines = 80

// TestFunctionLength: no non-test function is longer than MaxFunctionLines.
func TestFunctionLength(t *testing.T) {
	eachSource(t, func(path string) error {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok {
				if n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1; n > MaxFunctionLines {
					t.Errorf("%s: %s is %d lines; split it into named steps (at most %d)", path, fn.Name.Name, n, MaxFunctionLines)
				}
			}
		}
		return nil
	})
}
