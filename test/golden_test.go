package test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/test/golden"
)

// checkGolden compares a normalized template with testdata/<name>.json; -update rewrites it.
func checkGolden(t *testing.T, name string, tmpl map[string]any) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name+".json"), normalize(t, tmpl), *update, "go test ./test -update")
}

// TestLiveGolden snapshots the default live stack (one channel pulling the test streams).
func TestLiveGolden(t *testing.T) {
	checkGolden(t, "live", synth(t, nil, false).liveJSON)
}

// TestLiveChannelsGolden snapshots a two-channel live stack.
func TestLiveChannelsGolden(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	checkGolden(t, "live-channels", s.liveJSON)
	if n := len(resources(s.liveJSON, "AWS::MediaLive::Channel")); n != 2 {
		t.Errorf("%d MediaLive channels, want 2", n)
	}
	if n := len(resources(s.liveJSON, "AWS::CloudFront::Distribution")); n != 1 {
		t.Errorf("%d distributions, want one for every channel", n)
	}
	outs, _ := json.Marshal(s.liveJSON["Outputs"])
	for _, want := range []string{"NewsIngestUrls", "NewsHlsUrl", "SportsLowLatencyHlsUrl", "SportsSources", "SportsConsoleUrl"} {
		if !strings.Contains(string(outs), `"`+want+`"`) {
			t.Errorf("output %s missing", want)
		}
	}
	for _, ch := range resources(s.liveJSON, "AWS::MediaLive::Channel") {
		p := ch["Properties"].(map[string]any)
		if p["Name"] == "sports" && (p["ChannelClass"] != "SINGLE_PIPELINE" || len(p["Destinations"].([]any)[0].(map[string]any)["Settings"].([]any)) != 1) {
			t.Errorf("sports is not a single-pipeline channel: %v", p["ChannelClass"])
		}
	}
}

// TestVodGolden snapshots the default VoD stack. In-process synths leave CloudFormation
// validation to cfn-lint (every variant); CDK's built-in validation runs in the new-user synth
// of test/e2e (make synth).
func TestVodGolden(t *testing.T) {
	s := synth(t, nil, false)
	checkGolden(t, "vod", s.vodJSON)
}

// TestVodMediaPackageGolden snapshots the stack with MediaPackage VOD packaging (renditions
// encrypted at rest with the stack's KMS key).
func TestVodMediaPackageGolden(t *testing.T) {
	checkGolden(t, "vod-mediapackage", synth(t, mediaPackageKmsVariant, false).vodJSON)
}

// TestVodDRMGolden snapshots the VoD stack with DRM from its demo key server.
func TestVodDRMGolden(t *testing.T) {
	checkGolden(t, "vod-drm", synth(t, mediaPackageVariant, false).vodJSON)
}

// TestVodAdsGolden snapshots the VoD stack with ads (demo server, mid-rolls); live-channels.json
// is the live stack's ads-on snapshot.
func TestVodAdsGolden(t *testing.T) {
	checkGolden(t, "vod-ads", synth(t, liveChannelsVariant, false).vodJSON)
}
