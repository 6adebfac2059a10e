package player

import (
	"fmt"
	"strings"
	"testing"
)

// A node_modules without hls.js and dash.js is refused before anything is created, with the
// library setting that fixes it.
func TestSiteWithoutLibraries(t *testing.T) {
	var msg string
	func() {
		defer func() { msg = fmt.Sprint(recover()) }()
		NewSite(nil, "Player", &SiteProps{NodeModules: t.TempDir()})
	}()
	for _, want := range []string{"dashjs/dist/modern/umd/dash.all.min.js is missing", "SiteProps.NodeModules", "PlayerNodeModules"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}
