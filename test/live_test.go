package test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// TestLiveGolden snapshots the default live stack (one channel pulling the test streams).
func TestLiveGolden(t *testing.T) {
	checkGolden(t, "live", synth(t, nil, true).liveJSON)
}

// TestLiveDefaults: the default channel streams with no encoder of the user's: STANDARD, two
// pulled feeds, CMAF ingest to both MediaPackage v2 ingest endpoints, MQCS switching.
func TestLiveDefaults(t *testing.T) {
	s := synth(t, nil, true)
	hasProps(t, s.live, "AWS::MediaLive::Input", map[string]any{
		"Type":    "URL_PULL",
		"Sources": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{"Url": assertions.Match_StringLikeRegexp(jsii.String("^https://"))})}),
	})
	ml := resources(s.liveJSON, "AWS::MediaLive::Channel")
	if len(ml) != 1 {
		t.Fatalf("%d MediaLive channels", len(ml))
	}
	for _, ch := range ml {
		p := ch["Properties"].(map[string]any)
		if p["ChannelClass"] != "STANDARD" {
			t.Errorf("class %v", p["ChannelClass"])
		}
		if n := len(p["Destinations"].([]any)[0].(map[string]any)["Settings"].([]any)); n != 2 {
			t.Errorf("%d destination URLs, want one per pipeline", n)
		}
		if n := len(resources(s.liveJSON, "AWS::MediaLive::Input")); n != 1 {
			t.Errorf("%d inputs", n)
		}
		b, _ := json.Marshal(p["EncoderSettings"])
		for _, want := range []string{`"CmafIngestGroupSettings"`, `"RateControlMode":"QVBR"`, `"GopClosedCadence":1`, `"Width":1920`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("encoder settings lack %s", want)
			}
		}
		deps, _ := ch["DependsOn"].([]any)
		if len(deps) < 4 {
			t.Errorf("channel DependsOn %v, want the MediaPackage endpoints and ingest policy", deps)
		}
	}
	hasProps(t, s.live, "AWS::MediaPackageV2::Channel", map[string]any{
		"InputType": "CMAF", "InputSwitchConfiguration": map[string]any{"MQCSInputSwitching": true},
	})
	if n := len(resources(s.liveJSON, "AWS::MediaPackageV2::OriginEndpoint")); n != 3 {
		t.Errorf("%d origin endpoints, want HLS, CMAF-HLS, CMAF-DASH", n)
	}
	if n := len(resources(s.liveJSON, "AWS::MediaPackageV2::OriginEndpointPolicy")); n != 3 {
		t.Errorf("%d endpoint policies, want one per endpoint", n)
	}
	for _, typ := range []string{"AWS::CloudFormation::CustomResource", "AWS::Lambda::Function"} {
		if n := len(resources(s.liveJSON, typ)); n != 0 {
			t.Errorf("%d %s in the live stack; native resources only", n, typ)
		}
	}
	for k := range s.liveJSON["Resources"].(map[string]any) {
		if strings.HasPrefix(s.liveJSON["Resources"].(map[string]any)[k].(map[string]any)["Type"].(string), "Custom::") {
			t.Errorf("custom resource %s", k)
		}
	}
}

// TestLiveCdnIdentifier: CloudFront sends the v2 CDN identifier from a Secrets Manager dynamic
// reference (never a literal), and every endpoint checks it.
func TestLiveCdnIdentifier(t *testing.T) {
	s := synth(t, nil, true)
	b, _ := json.Marshal(resources(s.liveJSON, "AWS::CloudFront::Distribution"))
	if !strings.Contains(string(b), `"HeaderName":"X-MediaPackageV2-CDNIdentifier"`) || !strings.Contains(string(b), `{{resolve:secretsmanager:`) || !strings.Contains(string(b), `:SecretString:MediaPackageV2CDNIdentifier::}}`) {
		t.Errorf("distribution does not send the identifier from a dynamic reference: %s", b)
	}
	for id, p := range resources(s.liveJSON, "AWS::MediaPackageV2::OriginEndpointPolicy") {
		pb, _ := json.Marshal(p["Properties"])
		if !strings.Contains(string(pb), `"CdnIdentifierSecretArns"`) || !strings.Contains(string(pb), `"mediapackagev2:RequestHasMatchingCdnAuthHeader":"true"`) {
			t.Errorf("%s lacks CDN authorization: %s", id, pb)
		}
	}
	outs, _ := json.Marshal(s.liveJSON["Outputs"])
	for _, want := range []string{"MainHlsUrl", "MainCmafHlsUrl", "MainDashUrl", "MainChannelId", "MainConsoleUrl", "MainSources"} {
		if !strings.Contains(string(outs), `"`+want+`"`) {
			t.Errorf("output %s missing", want)
		}
	}
	if strings.Contains(string(outs), "resolve:secretsmanager") {
		t.Error("an output carries the secret")
	}
}

// liveChannelsVariant has two channels with different inputs and ladders behind one distribution.
var liveChannelsVariant = map[string]any{"live:channels": `[{"channelName": "news", "inputType": "RTMP_PUSH", "inputCidrs": "203.0.113.0/24"},
 {"channelName": "sports", "preset": "HD720", "channelClass": "SINGLE_PIPELINE", "lowLatencyHls": true}]`}

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

// TestLiveChannelLimit: more channels than a stack holds fail at synth with the maximum.
func TestLiveChannelLimit(t *testing.T) {
	var entries []string
	for i := 0; i < 21; i++ {
		entries = append(entries, fmt.Sprintf(`{"channelName": "c%d"}`, i))
	}
	_, err := build(t, map[string]any{"live:channels": "[" + strings.Join(entries, ",") + "]"}, false, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "context live:channels: ") || !strings.Contains(err.Error(), "has 21 channels; at most 20 fit in one stack") {
		t.Errorf("error %v", err)
	}
	// The maximum fits CloudFormation's limits with room to spare.
	s := synth(t, map[string]any{"live:channels": "[" + strings.Join(entries[:20], ",") + "]"}, false)
	if r, o := len(s.liveJSON["Resources"].(map[string]any)), len(s.liveJSON["Outputs"].(map[string]any)); r > 450 || o > 180 {
		t.Errorf("20 channels take %d resources and %d outputs; CloudFormation allows 500 and 200", r, o)
	} else {
		t.Logf("20 channels: %d resources, %d outputs", r, o)
	}
}
