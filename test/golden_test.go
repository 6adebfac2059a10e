package test

import (
	"path/filepath"
	"testing"

	"github.com/streamcdk/streamcdk/test/golden"
)

// checkGolden compares a normalized template with testdata/<name>.json; -update rewrites it.
func checkGolden(t *testing.T, name string, tmpl map[string]any) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name+".json"), normalize(t, tmpl), *update, "go test ./test -update")
}
