package keyserver_test

import (
	"testing"

	"github.com/streamcdk/streamcdk/test/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
