package test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/jsii-runtime-go"
)

// outRoot holds the cloud assemblies shared across tests; removed when the tests end.
var outRoot string

var update = flag.Bool("update", false, "rewrite the golden templates in testdata/")

func TestMain(m *testing.M) {
	flag.Parse()
	// Run jsii on the project's Node 24 when set-up installed it, also under a bare `go test`
	// (the machine's Node may be end-of-life).
	if bin, err := filepath.Abs("../node_modules/.bin"); err == nil {
		if _, err := os.Stat(filepath.Join(bin, "node")); err == nil {
			os.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		}
	}
	dir, err := os.MkdirTemp("", "streamcdk-test-")
	if err != nil {
		panic(err)
	}
	outRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	jsii.Close()
	os.Exit(code)
}
