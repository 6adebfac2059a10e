// Package testenv sets up test binaries that call CDK (through jsii): they run jsii on the
// project's Node 24 when set-up installed it, also under a bare `go test`, and stop its Node
// process when they end.
package testenv

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// Main runs the tests of m (call it from TestMain) and exits with their status.
func Main(m *testing.M) {
	UseProjectNode()
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

// UseProjectNode puts the project's node_modules/.bin first on PATH when it holds a node (the
// machine's Node may be end-of-life). The project is found from the working directory upwards.
func UseProjectNode() {
	dir, err := os.Getwd()
	if err != nil {
		return
	}
	for {
		bin := filepath.Join(dir, "node_modules", ".bin")
		if _, err := os.Stat(filepath.Join(bin, "node")); err == nil {
			os.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			return
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return // the module root, without node_modules
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		dir = parent
	}
}
