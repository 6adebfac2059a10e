package test

import (
	"flag"
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/test/testenv"
)

// outRoot holds the cloud assemblies shared across tests; removed when the tests end.
var outRoot string

var update = flag.Bool("update", false, "rewrite the golden templates in testdata/")

func TestMain(m *testing.M) {
	flag.Parse()
	testenv.UseProjectNode()
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
