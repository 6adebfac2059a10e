// Package testenv sets up test binaries that call CDK (through jsii) and stops jsii's Node
// process when they end.
//
// jsii reads the environment when the binary starts (aws-cdk-go's package initialization makes
// its client), before TestMain: what jsii's Node sees (PATH to the project's Node 24,
// CDK_VALIDATION) is set by whoever starts the binary; make test (scripts/test.sh) does.
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
// machine's Node may be end-of-life), for the processes the tests start (the app, the CDK CLI);
// jsii's own Node was chosen when the binary started (see the package doc). The project is found from the working directory upwards.
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
