package stacks

import (
	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/player"
	"github.com/streamcdk/streamcdk/internal/validate"
)

// demoAds is the demo ad server (ads.Demo) of a stack: its files go next to the player page.
type demoAds struct{ used bool }

// check refuses the demo server without the player page it is served with; field is the
// server URL's field, e.g. "Ads.AdDecisionServerUrl".
func (d *demoAds) check(url, field string, withoutPlayer bool) error {
	if url != ads.Demo {
		return nil
	}
	if withoutPlayer {
		return validate.Invalid("stacks", field, url, "needs the player page ({WithoutPlayer} false): the demo ad server is served from its bucket")
	}
	d.used = true
	return nil
}

// files are the demo's static files for player.SiteProps.Files (none when unused).
func (d *demoAds) files() map[string][]byte {
	if !d.used {
		return nil
	}
	out := map[string][]byte{}
	for name, b := range ads.DemoFiles() {
		out[ads.DemoPrefix+name] = b
	}
	return out
}

// serve writes the demo VAST document (it names the distribution, known at deploy time) and
// returns its URL; base is https://<distribution>.
func (d *demoAds) serve(site *player.Site, base string) string {
	folder := base + "/" + player.Prefix + ads.DemoPrefix
	site.AddData(ads.DemoPrefix+"vast.xml", ads.DemoVAST(folder))
	return folder + "vast.xml"
}
