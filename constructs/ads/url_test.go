package ads

import (
	"strings"
	"testing"
)

func TestCheckServerURL(t *testing.T) {
	for _, u := range []string{
		"https://ads.example.com/vast",
		"https://ads.example.com/vast?dur=[session.avail_duration_secs]&sid=[session.id]&ip=[session.client_ip]&ua=[session.user_agent]",
		"https://ads.example.com:8443/v?i=[avail.index]&r=[avail.random]&e=[scte.event_id]&u=[scte.segmentation_upid.assetId]&p=[player_params.user_id]",
	} {
		if err := CheckServerURL("ads", "AdDecisionServerUrl", u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	for u, want := range map[string]string{
		"http://ads.example.com/vast":                                            "is not an https URL",
		"ads.example.com/vast":                                                   "is not an https URL",
		"https:///vast":                                                          "is not an https URL",
		"https://user:pw@ads.example.com/vast":                                   "is not an https URL",
		"https://ads.example.com/v?id=[session.ID]":                              "uses [session.ID], which MediaTailor does not fill",
		"https://ads.example.com/v?id=[cache_buster]":                            "uses [cache_buster]",
		"https://ads.example.com/v?id=[player_params]":                           "uses [player_params]",
		"https://ads.example.com/v?q=a b":                                        "contains white space",
		"https://ads.example.com/v?q=" + strings.Repeat("a", MaxServerURLLength): "characters long; MediaTailor takes at most 25000",
	} {
		err := CheckServerURL("ads", "AdDecisionServerUrl", u)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.60s: error %v, want %q", u, err, want)
		}
	}
}
