package gobuild

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceHashFollowsImports: the hash covers exactly the module's packages the handler
// imports, found from the build itself, so a new import can never ship a stale Lambda.
func TestSourceHashFollowsImports(t *testing.T) {
	root := t.TempDir()
	write := func(rel, body string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("go.sum", "")
	write("lib/a/a.go", "package a\n\nconst A = 1\n")
	write("lib/b/b.go", "package b\n\nconst B = 2\n")
	write("lib/b/b_test.go", "package b\n")
	write("cmd/h/main.go", "package main\n\nimport \"example.com/m/lib/a\"\n\nfunc main() { println(a.A) }\n")
	hash := func() string {
		t.Helper()
		h, err := SourceHash(root, "cmd/h")
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h0 := hash()
	if hash() != h0 {
		t.Fatal("hash is not stable")
	}
	write("lib/b/b.go", "package b\n\nconst B = 3\n")
	if hash() != h0 {
		t.Error("a package the handler does not import changed the hash")
	}
	write("lib/a/a.go", "package a\n\nconst A = 2\n")
	h1 := hash()
	if h1 == h0 {
		t.Error("editing an imported package left the hash unchanged")
	}
	write("cmd/h/main.go", "package main\n\nimport (\n\t\"example.com/m/lib/a\"\n\t\"example.com/m/lib/b\"\n)\n\nfunc main() { println(a.A, b.B) }\n")
	h2 := hash()
	if h2 == h1 {
		t.Fatal("adding an import left the hash unchanged")
	}
	write("lib/b/b.go", "package b\n\nconst B = 4\n")
	if hash() == h2 {
		t.Error("editing a newly imported package left the hash unchanged")
	}
	h3 := hash()
	write("lib/b/b_test.go", "package b\n\n// changed again\n")
	if hash() != h3 {
		t.Error("a _test.go file changed the hash")
	}
}

// TestSourceFilesOfHandler: the real handler's hash covers its module dependencies (jobspec and
// the shared validation package) and nothing it does not build with (the constructs).
func TestSourceFilesOfHandler(t *testing.T) {
	files, err := sourceFiles(ModuleRoot(), "constructs/transcode/lambda/prepare")
	if err != nil {
		t.Fatal(err)
	}
	list := strings.Join(files, " ")
	for _, want := range []string{"go.mod", "go.sum", "constructs/transcode/lambda/prepare/handler.go", "constructs/transcode/jobspec/spec.go", "constructs/validate/validate.go"} {
		if !strings.Contains(" "+list+" ", " "+want+" ") {
			t.Errorf("hashed files lack %s: %s", want, list)
		}
	}
	for _, not := range []string{"constructs/cdn/", "constructs/transcode/pipeline.go", "_test.go"} {
		if strings.Contains(list, not) {
			t.Errorf("hashed files include %s: %s", not, list)
		}
	}
}

// TestBundleKeepsBuild: the handler is built once per source hash and copied from the user's
// cache afterwards (a new cdk.out, another app in the same test binary).
func TestBundleKeepsBuild(t *testing.T) {
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCACHE", strings.TrimSpace(string(gocache))) // Go's own cache stays where it is
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	l := &local{dir: filepath.Join(ModuleRoot(), "constructs/transcode/lambda/prepare"), hash: "testhash"}
	for i := 0; i < 2; i++ {
		out := t.TempDir()
		l.TryBundle(&out, nil)
		if st, err := os.Stat(filepath.Join(out, "bootstrap")); err != nil || st.Mode()&0o100 == 0 || st.Size() == 0 {
			t.Fatalf("run %d: bootstrap %v, %v", i+1, st, err)
		}
		if i == 0 {
			// The second run must copy: a handler directory that cannot build proves it.
			l.dir = t.TempDir()
		}
	}
	if _, err := os.Stat(filepath.Join(cache, "streamcdk", "lambda", "testhash", "bootstrap")); err != nil {
		t.Error(err)
	}
}
