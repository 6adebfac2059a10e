package test

import (
	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"

	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	mp2types "github.com/aws/aws-sdk-go-v2/service/mediapackagev2/types"
	"github.com/aws/jsii-runtime-go"
	"github.com/streamcdk/streamcdk/constructs/packaging"

	"github.com/streamcdk/streamcdk/test/internal/iamcheck"
)

// TestLiveGolden snapshots the default live stack (one channel pulling the test streams).
func TestLiveGolden(t *testing.T) {
	checkGolden(t, "live", synth(t, nil, false).liveJSON)
}

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

// TestLiveCdnIdentifier: CloudFront sends the v2 CDN identifier from a Secrets Manager dynamic
// reference (never a literal), and every endpoint checks it.
func TestLiveCdnIdentifier(t *testing.T) {
	s := synth(t, nil, false)
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

// liveChannelsVariant has two channels with different inputs and ladders behind one
// distribution, with ads: the stack's demo ad server for every channel, which news overrides
// with its own (and slate, threshold, avail suppression); sports gets a break every 5 minutes.
// The VoD stack has ads too (the demo server, mid-rolls at 60 and 300 s).
var liveChannelsVariant = map[string]any{"live:channels": `[{"channelName": "news", "inputType": "RTMP_PUSH", "inputCidrs": "203.0.113.0/24",
   "adDecisionServerUrl": "https://ads.example.com/news/vast?dur=[session.avail_duration_secs]&sid=[session.id]&upid=[scte.segmentation_upid]",
   "adSlateUrl": "https://media.example.com/slate.mp4", "adPersonalizationThresholdSeconds": 4,
   "availSuppression": "AFTER_LIVE_EDGE", "availSuppressionSeconds": 10, "availSuppressionFillPolicy": "PARTIAL_AVAIL"},
 {"channelName": "sports", "preset": "HD720", "channelClass": "SINGLE_PIPELINE", "lowLatencyHls": true, "adBreakEveryMinutes": 5,
   "inputType": "SRT_CALLER", "sources": "srt.example.com:5000", "srtPassphraseSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:sports-srt-AbCdEf"}]`,
	"live:adDecisionServerUrl": "demo",
	"vod:adDecisionServerUrl":  "demo",
	"vod:adBreaks":             "60,300",
	"vod:formats":              "CMAF,HLS",
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

// TestLiveInputTypes: SRT caller and MediaConnect inputs take one source per pipeline; RTP push
// gets a security group.
func TestLiveInputTypes(t *testing.T) {
	for _, c := range []struct {
		ctx  map[string]any
		typ  string
		want map[string]any
	}{
		{map[string]any{"live:inputType": "SRT_CALLER", "live:sources": "srt-a.example.com:5000,srt-b.example.com:5000", "live:srtStreamId": "main", "live:allowUnencryptedSrt": "true"}, "AWS::MediaLive::Input",
			map[string]any{"Type": "SRT_CALLER", "SrtSettings": map[string]any{"SrtCallerSources": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{"SrtListenerAddress": "srt-b.example.com", "SrtListenerPort": "5000", "StreamId": "main"})})}}},
		{map[string]any{"live:inputType": "MEDIACONNECT", "live:flowArns": "arn:aws:mediaconnect:us-east-1:123456789012:flow:1-abc:one,arn:aws:mediaconnect:us-east-1:123456789012:flow:2-def:two"}, "AWS::MediaLive::Input",
			map[string]any{"Type": "MEDIACONNECT", "MediaConnectFlows": []any{map[string]any{"FlowArn": "arn:aws:mediaconnect:us-east-1:123456789012:flow:1-abc:one"}, map[string]any{"FlowArn": "arn:aws:mediaconnect:us-east-1:123456789012:flow:2-def:two"}}}},
		{map[string]any{"live:inputType": "RTP_PUSH", "live:inputCidrs": "192.0.2.0/24"}, "AWS::MediaLive::InputSecurityGroup",
			map[string]any{"WhitelistRules": []any{map[string]any{"Cidr": "192.0.2.0/24"}}}},
	} {
		s := synth(t, c.ctx, false)
		hasProps(t, s.live, c.typ, c.want)
		ann := assertions.Annotations_FromStack(s.stacks.Live.Stack)
		for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
			t.Errorf("%v: cdk-nag error at %s: %v", c.ctx["live:inputType"], *m.Id, m.Entry.Data)
		}
	}
}

// TestLiveOriginAccessControl: with OAC (alone or with the identifier) CloudFront signs its
// requests and each endpoint admits only this distribution; the contract proves it.
func TestLiveOriginAccessControl(t *testing.T) {
	for _, auth := range []string{"OAC", "BOTH"} {
		s := synth(t, map[string]any{"live:originAuth": auth}, false)
		hasProps(t, s.live, "AWS::CloudFront::OriginAccessControl", map[string]any{"OriginAccessControlConfig": assertions.Match_ObjectLike(&map[string]any{
			"OriginAccessControlOriginType": "mediapackagev2", "SigningBehavior": "always", "SigningProtocol": "sigv4"})})
		b, _ := json.Marshal(resources(s.liveJSON, "AWS::MediaPackageV2::OriginEndpointPolicy"))
		if !strings.Contains(string(b), `"Service":"cloudfront.amazonaws.com"`) || !strings.Contains(string(b), `"aws:SourceArn"`) || strings.Contains(string(b), `"AWS":"*"`) {
			t.Errorf("%s: endpoint policies do not admit only the distribution: %s", auth, b)
		}
		d, _ := json.Marshal(resources(s.liveJSON, "AWS::CloudFront::Distribution"))
		if header := strings.Contains(string(d), "X-MediaPackageV2-CDNIdentifier"); header != (auth == "BOTH") {
			t.Errorf("%s: identifier header sent %v", auth, header)
		}
		tmpl := iamcheck.New(*s.stacks.Live.Stack.StackName(), s.liveJSON)
		calls := stackCalls(t, tmpl, s.stacks.Live.Stack, s.stacks.Live.RuntimeCalls())
		report(t, "Live "+auth, calls, evaluate(t, tmpl, calls))
	}
}

// TestLiveCustomDomain: the live distribution takes the same custom-domain settings as VoD.
func TestLiveCustomDomain(t *testing.T) {
	s := synth(t, map[string]any{"live:domainNames": "live.example.com", "live:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"}, false)
	hasProps(t, s.live, "AWS::CloudFront::Distribution", map[string]any{"DistributionConfig": assertions.Match_ObjectLike(&map[string]any{
		"Aliases": []any{"live.example.com"},
		"ViewerCertificate": assertions.Match_ObjectLike(&map[string]any{
			"AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555", "MinimumProtocolVersion": "TLSv1.2_2021"}),
	})})
}

// TestLiveAutoStart: with live:autoStart the channel is started after deploy and stopped before
// delete by CDK's AwsCustomResource (its role may start and stop this channel only); without
// it the stack has no custom resource (TestLiveDefaults).
func TestLiveAutoStart(t *testing.T) {
	s := synth(t, map[string]any{"live:autoStart": "true"}, false)
	crs := resources(s.liveJSON, "Custom::AWS")
	if len(crs) != 1 {
		t.Fatalf("%d Custom::AWS resources, want 1", len(crs))
	}
	for _, cr := range crs {
		b, _ := json.Marshal(cr["Properties"])
		for _, want := range []string{`\"action\":\"StartChannel\"`, `\"action\":\"StopChannel\"`, `\"service\":\"MediaLive\"`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("start/stop resource lacks %s: %s", want, b)
			}
		}
	}
	ann := assertions.Annotations_FromStack(s.stacks.Live.Stack)
	for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
		t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
	}
	tmpl := iamcheck.New(*s.stacks.Live.Stack.StackName(), s.liveJSON)
	calls := stackCalls(t, tmpl, s.stacks.Live.Stack, s.stacks.Live.RuntimeCalls())
	report(t, "Live autoStart", calls, evaluate(t, tmpl, calls))
}

// TestPlayerServed: both distributions serve the page at /player/ from a private bucket, the live
// stack has a PlayerUrl per channel and VoD jobs get a player link; vod:player / live:player
// false leave it all out.
func TestPlayerServed(t *testing.T) {
	s := synth(t, nil, false)
	for name, tmpl := range map[string]map[string]any{"VoD": s.vodJSON, "Live": s.liveJSON} {
		b, _ := json.Marshal(resources(tmpl, "AWS::CloudFront::Distribution"))
		if !strings.Contains(string(b), `"PathPattern":"/player/*"`) {
			t.Errorf("%s distribution does not serve /player/*", name)
		}
		if n := len(resources(tmpl, "Custom::CDKBucketDeployment")); n != 1 {
			t.Errorf("%s: %d page deployments", name, n)
		}
	}
	outs, _ := json.Marshal(s.liveJSON["Outputs"].(map[string]any)["MainPlayerUrl"])
	outs = []byte(strings.ReplaceAll(string(outs), `\u0026`, "&")) // json.Marshal escapes '&'
	for _, want := range []string{"/player/?url=https://", "/index.m3u8&alt.CMAF=https://", "&alt.DASH=https://", "cmaf-dash/index.mpd"} {
		if !strings.Contains(string(outs), want) {
			t.Errorf("MainPlayerUrl %s lacks %s", outs, want)
		}
	}
	playerURL := map[string]any{"Fn::Join": []any{"", []any{"https://", map[string]any{"Fn::GetAtt": []any{"CdnF9DD0B44", "DomainName"}}, "/player/"}}}
	hasProps(t, s.vod, "AWS::Lambda::Function", map[string]any{"Environment": map[string]any{"Variables": assertions.Match_ObjectLike(&map[string]any{
		"PLAYER_URL": playerURL,
	})}})
	if msg := panicOf(func() { s.vod.HasOutput(jsii.String("PlayerUrl"), map[string]any{"Value": playerURL}) }); msg != "" {
		t.Errorf("VoD PlayerUrl output: %s", truncate(msg, 1000))
	}
	off := synth(t, minimalVariant, false)
	for name, tmpl := range map[string]map[string]any{"VoD": off.vodJSON, "Live": off.liveJSON} {
		b, _ := json.Marshal(tmpl)
		if strings.Contains(string(b), "/player/") || strings.Contains(string(b), "PlayerUrl") {
			t.Errorf("%s still serves the player with player=false", name)
		}
	}
}

// minimalVariant turns off what is on by default but optional: the player pages and
// CloudFront's additional metrics.
var minimalVariant = map[string]any{"vod:player": "false", "live:player": "false", "vod:cdnAdditionalMetrics": "false", "live:cdnAdditionalMetrics": "false"}

// TestLiveScte35: SCTE-35 from the source reaches the viewer on every channel by default:
// MediaLive reads splice-insert avails and passes SCTE-35 into the CMAF ingest; every endpoint
// keeps the ad-break message types and writes them as manifest ad markers.
func TestLiveScte35(t *testing.T) {
	for name, tmpl := range map[string]map[string]any{"default": synth(t, nil, false).liveJSON, "options (LL-HLS)": synth(t, optionsVariant, false).liveJSON} {
		t.Run(name, func(t *testing.T) {
			for id, ch := range resources(tmpl, "AWS::MediaLive::Channel") {
				es := ch["Properties"].(map[string]any)["EncoderSettings"].(map[string]any)
				b, _ := json.Marshal(es)
				for _, want := range []string{
					`"AvailConfiguration":{"AvailSettings":{"Scte35SpliceInsert":{"NoRegionalBlackoutFlag":"FOLLOW","WebDeliveryAllowedFlag":"FOLLOW"}}}`,
					`"Scte35Type":"SCTE_35_WITHOUT_SEGMENTATION"`,
				} {
					if !strings.Contains(string(b), want) {
						t.Errorf("%s: encoder settings lack %s", id, want)
					}
				}
			}
			markers := map[string]int{}
			for id, ep := range resources(tmpl, "AWS::MediaPackageV2::OriginEndpoint") {
				p := ep["Properties"].(map[string]any)
				filter, _ := json.Marshal(p["Segment"].(map[string]any)["Scte"])
				want, _ := json.Marshal(map[string]any{"ScteFilter": packaging.AdBreakScteTypes})
				if string(filter) != string(want) {
					t.Errorf("%s: Segment.Scte %s, want %s", id, filter, want)
				}
				for key, marker := range map[string]string{"HlsManifests": `{"AdMarkerHls":"DATERANGE","ScteInManifests":"` + string(mp2types.ScteInManifestsMatchesFilter) + `"}`,
					"LowLatencyHlsManifests": `{"AdMarkerHls":"DATERANGE","ScteInManifests":"` + string(mp2types.ScteInManifestsMatchesFilter) + `"}`,
					"DashManifests":          `{"AdMarkerDash":"XML","ScteInManifests":"` + string(mp2types.ScteInManifestsMatchesFilter) + `"}`} {
					ms, _ := p[key].([]any)
					for _, m := range ms {
						field := map[bool]string{true: "ScteDash", false: "ScteHls"}[key == "DashManifests"]
						got, _ := json.Marshal(m.(map[string]any)[field])
						if string(got) != marker {
							t.Errorf("%s: %s %s = %s, want %s", id, key, field, got, marker)
						}
						markers[key]++
					}
				}
			}
			if markers["HlsManifests"] < 1 || markers["DashManifests"] < 1 || (name != "default" && markers["LowLatencyHlsManifests"] < 1) {
				t.Errorf("manifests checked: %v", markers)
			}
		})
	}
}

// TestLiveEndpointRules: the endpoints follow MediaPackage v2's and Apple's rules: DASH carries
// UTC timing (UTC_DIRECT, from the SDK's enum); no endpoint forces errors while no failover
// origin exists; an HEVC channel (optionsVariant: live:codec H_265) has no TS endpoint, and its
// playback and player links default to HLS (CMAF).
func TestLiveEndpointRules(t *testing.T) {
	for name, tmpl := range map[string]map[string]any{"default": synth(t, nil, false).liveJSON, "H.265": synth(t, optionsVariant, false).liveJSON} {
		for id, ep := range resources(tmpl, "AWS::MediaPackageV2::OriginEndpoint") {
			p := ep["Properties"].(map[string]any)
			if p["ForceEndpointErrorConfiguration"] != nil {
				t.Errorf("%s: %s forces endpoint errors without a failover origin", name, id)
			}
			if name == "H.265" && p["ContainerType"] == "TS" {
				t.Errorf("H.265: %s carries HEVC in MPEG-TS", id)
			}
			dash, _ := p["DashManifests"].([]any)
			for _, d := range dash {
				ut, _ := d.(map[string]any)["UtcTiming"].(map[string]any)
				if ut["TimingMode"] != string(mp2types.DashUtcTimingModeUtcDirect) {
					t.Errorf("%s: %s DASH without UTC timing (%v)", name, id, ut)
				}
			}
		}
	}
	outs := synth(t, optionsVariant, false).liveJSON["Outputs"].(map[string]any)
	for id, o := range outs {
		if !strings.HasSuffix(id, "PlayerUrl") {
			continue
		}
		v := string(plainJSON(o.(map[string]any)["Value"]))
		if !strings.Contains(v, "?url=") || strings.Contains(v, "/hls/index.m3u8") || !strings.Contains(v, "/cmaf-hls/index.m3u8") {
			t.Errorf("H.265 %s = %s, want it opening HLS (CMAF) with no TS endpoint", id, v)
		}
	}
}

// TestSrtPassphrase: an SRT caller input with a passphrase secret decrypts with AES256 (the SDK's
// value) by default, and the channel's role may read the secret (the permission contract's
// "ads" variant proves the call); without one, synth warns.
func TestSrtPassphrase(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	in := string(plainJSON(resources(s.liveJSON, "AWS::MediaLive::Input")))
	want := `"Decryption":{"Algorithm":"` + string(mltypes.SrtEncryptionTypeAes256) + `","PassphraseSecretArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:sports-srt-AbCdEf"}`
	if !strings.Contains(in, want) {
		t.Errorf("SRT input without %s", want)
	}
}
