package stacks

import (
	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/player"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// The demo ad server (ads.Demo) of a stack is served next to its player page.

// checkDemo refuses the demo server without the player page it is served with; field is the
// server URL's field, e.g. "Ads.AdDecisionServerURL".
func checkDemo(url, field string, withoutPlayer bool) error {
	if url == ads.Demo && withoutPlayer {
		return validate.Invalid("stacks", field, url, "needs the player page ({WithoutPlayer} false): the demo ad server is served from its bucket")
	}
	return nil
}

// demoFiles are the demo's static files for player.SiteProps.Files; none when unused.
func demoFiles(used bool) map[string][]byte {
	if !used {
		return nil
	}
	out := map[string][]byte{}
	for name, b := range ads.DemoFiles() {
		out[ads.DemoPrefix+name] = b
	}
	return out
}

// serveDemo writes the demo VAST document (it names the distribution, known at deploy time) and
// returns its URL; base is https://<distribution>.
func serveDemo(site *player.Site, base string) string {
	folder := base + "/" + player.Prefix + ads.DemoPrefix
	site.AddData(ads.DemoPrefix+"vast.xml", ads.DemoVAST(folder))
	return folder + "vast.xml"
}
