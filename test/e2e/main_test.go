// Package e2e runs the project the way its users do, in other processes: the app binary
// (determinism, errors), a copy of the project on a bare machine (set-up) and another module
// importing the constructs. It holds no in-process CDK calls, so its tests run in parallel, and
// as its own package, beside the in-process tests of package test.
package e2e

import (
	"os"
	"testing"

	"github.com/streamcdk/streamcdk/test/testenv"
)

// outRoot holds what the tests share (the app binary); removed when they end.
var outRoot string

func TestMain(m *testing.M) {
	testenv.UseProjectNode()
	dir, err := os.MkdirTemp("", "streamcdk-e2e-")
	if err != nil {
		panic(err)
	}
	outRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
