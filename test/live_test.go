package test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// TestLiveDefaults: the default channel streams with no encoder of the user's: STANDARD, two
// pulled feeds, CMAF ingest to both MediaPackage v2 ingest endpoints, MQCS switching.
func TestLiveDefaults(t *testing.T) {
	s := synth(t, nil, false)
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
	// Native resources only, but for CDK's BucketDeployment of the player page (TestNoCustomResources).
	if n := len(resources(s.liveJSON, "AWS::Lambda::Function")); n != 1 {
		t.Errorf("%d Lambda functions in the live stack; only the player page's deployment", n)
	}
}

// liveChannelsVariant has two channels with different inputs and ladders behind one
// distribution, with ads: the stack's demo ad server for every channel, which news overrides
// with its own (and slate, threshold, avail suppression); sports gets a break every 5 minutes.
// The VoD stack has ads too (the demo server, mid-rolls at 60 and 300 s).
var liveChannelsVariant = map[string]any{"live:channels": `[{"channelName": "news", "inputType": "RTMP_PUSH", "inputCidrs": "203.0.113.0/24",
   "adDecisionServerUrl": "https://ads.example.com/news/vast?dur=[session.avail_duration_secs]&sid=[session.id]&upid=[scte.segmentation_upid]",
   "adSlateUrl": "https://media.example.com/slate.mp4", "adPersonalizationThresholdSeconds": 4,
   "availSuppression": "AFTER_LIVE_EDGE", "availSuppressionSeconds": 10, "availSuppressionFillPolicy": "PARTIAL_AVAIL"},
 {"channelName": "sports", "preset": "HD720", "channelClass": "SINGLE_PIPELINE", "lowLatencyHls": true, "adBreakEveryMinutes": 5,
   "audioLanguages": "eng,spa", "audioPids": "482,483", "captions": "CC1:eng:English,CC3:spa:Espanol",
   "inputType": "SRT_CALLER", "sources": "srt.example.com:5000", "srtPassphraseSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:sports-srt-AbCdEf"}]`,
	"live:adDecisionServerUrl": "demo",
	"vod:adDecisionServerUrl":  "demo",
	"vod:adBreaks":             "60,300",
	"vod:formats":              "CMAF,HLS",
}

// TestLiveOptions: each input type, the single pipeline, H.265, low-latency HLS, start-over and
// the distribution's options reach the template.
func TestLiveOptions(t *testing.T) {
	s := synth(t, optionsVariant, false) // RTMP push, single pipeline, H.265 720p, LL-HLS, start-over, CDN options
	hasProps(t, s.live, "AWS::MediaLive::InputSecurityGroup", map[string]any{
		"WhitelistRules": []any{map[string]any{"Cidr": "203.0.113.0/24"}, map[string]any{"Cidr": "198.51.100.0/24"}},
	})
	// The push stream name is not guessable from the channel's name: it carries the stack's UUID.
	stackPart := map[string]any{"Fn::Select": []any{0, map[string]any{"Fn::Split": []any{"-", map[string]any{"Fn::Select": []any{2, map[string]any{"Fn::Split": []any{"/", map[string]any{"Ref": "AWS::StackId"}}}}}}}}}
	hasProps(t, s.live, "AWS::MediaLive::Input", map[string]any{"Type": "RTMP_PUSH", "Destinations": []any{map[string]any{"StreamName": map[string]any{"Fn::Join": []any{"", []any{"live/news-", stackPart, "-a"}}}}}})
	hasProps(t, s.live, "AWS::MediaLive::Channel", map[string]any{"ChannelClass": "SINGLE_PIPELINE", "Name": "news"})
	b, _ := json.Marshal(resources(s.liveJSON, "AWS::MediaLive::Channel"))
	if !strings.Contains(string(b), `"H265Settings"`) || strings.Contains(string(b), `"H264Settings"`) || !strings.Contains(string(b), `"Height":720`) || strings.Contains(string(b), `"Height":1080`) {
		t.Error("H.265 720p ladder not in the channel")
	}
	hasProps(t, s.live, "AWS::MediaPackageV2::OriginEndpoint", map[string]any{"OriginEndpointName": "ll-hls", "StartoverWindowSeconds": 3600})
	if ch := resources(s.liveJSON, "AWS::MediaPackageV2::Channel"); len(ch) == 1 {
		for _, c := range ch {
			if _, mqcs := c["Properties"].(map[string]any)["InputSwitchConfiguration"]; mqcs {
				t.Error("MQCS switching on a single-pipeline channel")
			}
		}
	}
	hasProps(t, s.live, "AWS::CloudFront::Distribution", map[string]any{"DistributionConfig": assertions.Match_ObjectLike(&map[string]any{
		"PriceClass": "PriceClass_All", "Restrictions": map[string]any{"GeoRestriction": map[string]any{"Locations": []any{"US", "CA"}, "RestrictionType": "whitelist"}},
	})})
	if n := len(resources(s.liveJSON, "AWS::CloudFront::KeyGroup")); n != 1 {
		t.Errorf("%d key groups, want the signing key's", n)
	}
	// Authenticated pull: the password is an SSM parameter name the role may read, never a value.
	m := synth(t, mediaPackageVariant, false)
	hasProps(t, m.live, "AWS::MediaLive::Input", map[string]any{"Sources": assertions.Match_ArrayWith(&[]any{map[string]any{
		"Url": "https://origin-a.example.com/live/index.m3u8", "Username": "streamcdk", "PasswordParam": "/streamcdk/pull-password"}})})
	pb, _ := json.Marshal(resources(m.liveJSON, "AWS::IAM::Policy"))
	if !strings.Contains(string(pb), `"ssm:GetParameters"`) || !strings.Contains(string(pb), `:parameter/streamcdk/pull-password"`) {
		t.Error("the channel role cannot read the pull password parameter")
	}
}

// minimalVariant turns off what is on by default but optional: the player pages and
// CloudFront's additional metrics.
var minimalVariant = map[string]any{"vod:player": "false", "live:player": "false", "vod:cdnAdditionalMetrics": "false", "live:cdnAdditionalMetrics": "false"}
