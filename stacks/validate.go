package stacks

import (
	"fmt"

	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Validate returns the *validate.Error (its field placed within AppProps) that Build would panic
// with for the settings each construct checks on its own and the checks across them, without
// creating anything. A few checks that need the created resources (a channel's scheduled breaks
// against its MediaPackage windows) wait for Build.
func (p *AppProps) Validate() error {
	if p.WithoutVod && p.WithoutLive {
		return validate.Invalid("stacks", "WithoutVod", true, "and {WithoutLive} leave no stack to build")
	}
	if !p.WithoutVod {
		if err := p.Vod.Validate(); err != nil {
			return validate.Nest("stacks", "Vod", err)
		}
	}
	if !p.WithoutLive {
		if err := p.Live.Validate(); err != nil {
			return validate.Nest("stacks", "Live", err)
		}
	}
	return nil
}

// check is one construct's options check and where its fields sit in the stack's props.
type check struct {
	prefix string
	err    error
}

// first returns the first failed check, its field placed within the stack's props.
func first(checks ...check) error {
	for _, c := range checks {
		if c.err != nil {
			return validate.Nest("stacks", c.prefix, c.err)
		}
	}
	return nil
}

// demoAds stands in for ads.Demo, which the stacks replace with their own demo server's URL.
const demoAds = "https://demo-ads.example.com/player/ads/vast.xml"

// adsOptions are the ad options as the stack gives them to its playback configuration.
func adsOptions(o ads.PlaybackOptions) *ads.PlaybackOptions {
	if o.AdDecisionServerURL == ads.Demo {
		o.AdDecisionServerURL = demoAds
	}
	return &o
}

// Validate returns the *validate.Error NewVodStack would panic with (see AppProps.Validate).
func (p *VodStackProps) Validate() error {
	if err := p.validate(); err != nil {
		return err
	}
	on := p.Ads.AdDecisionServerURL != ""
	checks := []check{
		{"Mezzanine", p.Mezzanine.Validate()},
		{"Pipeline", p.Pipeline.Validate()},
		{"Cdn", p.Cdn.Validate(on)},
	}
	if p.MediaPackage {
		e := p.Pipeline.Encoding
		if len(e.Formats) == 0 {
			e.Formats = []jobspec.Format{jobspec.HLS} // as NewVodStack gives the pipeline
		}
		checks = append(checks, check{"Pipeline", transcode.PackagingFormats(e)},
			check{"Packaging", p.Packaging.Validate()}, check{"CdnIdentifier", p.CdnIdentifier.Validate()})
	}
	if on {
		checks = append(checks, check{"Ads", adsOptions(p.Ads).Validate(false)})
	}
	return first(checks...)
}

// Validate returns the *validate.Error NewLiveStack would panic with (see AppProps.Validate).
func (p *LiveStackProps) Validate() error {
	channels := p.channels()
	withDefault := *p
	withDefault.Channels = channels
	if err := withDefault.validate(); err != nil {
		return err
	}
	on := false
	var checks []check
	for i, c := range channels {
		at := fmt.Sprintf("Channels[%d].", i)
		checks = append(checks,
			check{at + "Ingest", c.Ingest.Validate()},
			check{at + "Packaging", c.Packaging.Validate(c.Ingest.Encoding.WithDefaults().SegmentSeconds)})
		if c.Ads.AdDecisionServerURL != "" {
			on = true
			checks = append(checks, check{at + "Ads", adsOptions(c.Ads).Validate(true)})
		}
	}
	checks = append(checks, check{"Cdn", p.Cdn.Validate(on)}, check{"CdnIdentifier", p.CdnIdentifier.Validate()})
	return first(checks...)
}
