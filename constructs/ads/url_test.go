package ads

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

func TestCheckServerURL(t *testing.T) {
	for _, u := range []string{
		"https://ads.example.com/vast",
		"https://ads.example.com/vast?dur=[session.avail_duration_secs]&sid=[session.id]&ip=[session.client_ip]&ua=[session.user_agent]",
		"https://ads.example.com:8443/v?i=[avail.index]&r=[avail.random]&e=[scte.event_id]&u=[scte.segmentation_upid.assetId]&p=[player_params.user_id]",
	} {
		if err := CheckServerURL("ads", "AdDecisionServerURL", u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	for u, want := range map[string]string{
		"http://ads.example.com/vast":                                            "is not an https URL",
		"ads.example.com/vast":                                                   "is not an https URL",
		"https:///vast":                                                          "is not an https URL",
		"https://user:pw@ads.example.com/vast":                                   "carries credentials",
		"https://adserver/vast":                                                  `names the bare host "adserver"`,
		"https://ads.example.com[player_params.x]/v":                             "puts a [variable] in the host",
		"https://169.254.169.254/latest":                                         "an address MediaTailor cannot reach",
		"https://10.0.0.5/vast":                                                  "an address MediaTailor cannot reach",
		"https://ads.example.com/v?id=[session.ID]":                              "uses [session.ID], which MediaTailor does not fill",
		"https://ads.example.com/v?id=[cache_buster]":                            "uses [cache_buster]",
		"https://ads.example.com/v?id=[player_params]":                           "uses [player_params]",
		"https://ads.example.com/v?q=a b":                                        "contains white space",
		"https://ads.example.com/v?q=" + strings.Repeat("a", MaxServerURLLength): "characters long; MediaTailor takes at most 25000",
	} {
		err := CheckServerURL("ads", "AdDecisionServerURL", u)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.60s: error %v, want %q", u, err, want)
		}
	}
}

// TestCheckSlateURL: a slate is an https MP4 on a public host, without credentials.
func TestCheckSlateURL(t *testing.T) {
	if err := CheckSlateURL("ads", "SlateAdURL", "https://media.example.com/slate.mp4"); err != nil {
		t.Error(err)
	}
	for u, want := range map[string]string{
		"http://media.example.com/slate.mp4":      "use the https URL of an MP4",
		"https://u:p@media.example.com/slate.mp4": "carries credentials",
		"https://slates/slate.mp4":                "names the bare host",
		"https://media.example.com/slate.mov":     "its path ending in .mp4",
	} {
		if err := CheckSlateURL("ads", "SlateAdURL", u); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", u, err, want)
		}
	}
}

// TestDemoVAST: the demo answer is well-formed VAST 3.0 with a pod of ads, each pointing at the
// creative, and the creative is an MP4 of the stated length.
func TestDemoVAST(t *testing.T) {
	var v struct {
		Version string `xml:"version,attr"`
		Ads     []struct {
			Sequence string `xml:"sequence,attr"`
			Duration string `xml:"InLine>Creatives>Creative>Linear>Duration"`
			Media    []struct {
				Type string `xml:"type,attr"`
				URL  string `xml:",chardata"`
			} `xml:"InLine>Creatives>Creative>Linear>MediaFiles>MediaFile"`
		} `xml:"Ad"`
	}
	if err := xml.Unmarshal([]byte(DemoVAST("https://d111.cloudfront.net/player/ads/")), &v); err != nil {
		t.Fatal(err)
	}
	if v.Version != "3.0" || len(v.Ads) != DemoAdsPerBreak {
		t.Fatalf("VAST %s with %d ads", v.Version, len(v.Ads))
	}
	for i, a := range v.Ads {
		if a.Sequence != strconv.Itoa(i+1) || a.Duration != "00:00:10" || len(a.Media) != 1 || a.Media[0].Type != "video/mp4" || a.Media[0].URL != "https://d111.cloudfront.net/player/ads/creative.mp4" {
			t.Errorf("ad %d: %+v", i, a)
		}
	}
	if len(DemoCreative) < 100_000 || string(DemoCreative[4:8]) != "ftyp" {
		t.Errorf("the demo creative is not an MP4 (%d bytes)", len(DemoCreative))
	}
}

// TestCheckOff: settings that only work with ads are refused while ads are off.
func TestCheckOff(t *testing.T) {
	for _, c := range []struct {
		p    PlaybackOptions
		want string
	}{
		{PlaybackOptions{SlateAdURL: "https://x/s.mp4"}, "SlateAdURL"},
		{PlaybackOptions{PersonalizationThresholdSeconds: 4}, "PersonalizationThresholdSeconds"},
		{PlaybackOptions{AvailSuppression: AvailSuppression{Mode: SuppressionBehindLiveEdge}}, "AvailSuppression"},
	} {
		if err := c.p.CheckOff(); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "needs AdDecisionServerURL") {
			t.Errorf("%+v: %v", c.p, err)
		}
	}
	if err := (&PlaybackOptions{AdDecisionServerURL: "https://ads.example.com/v", SlateAdURL: "https://x/s.mp4"}).CheckOff(); err != nil {
		t.Errorf("ads on: %v", err)
	}
}
