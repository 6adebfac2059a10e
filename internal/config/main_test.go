package config

import (
	"testing"

	"github.com/streamcdk/streamcdk/internal/testenv"
)

// TestMain: config's tests use no CDK calls, but the packages they import may start jsii's
// Node; run it on the project's Node and stop it.
func TestMain(m *testing.M) { testenv.Main(m) }
