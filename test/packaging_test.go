package test

import (
	"encoding/json"
	"strings"
	"testing"

	mp2types "github.com/aws/aws-sdk-go-v2/service/mediapackagev2/types"
	mpvodtypes "github.com/aws/aws-sdk-go-v2/service/mediapackagevod/types"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/streamcdk/streamcdk/test/internal/iamcheck"
)

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

// TestLiveOriginAccessControl: with OAC (alone or with the identifier) CloudFront signs its
// requests and each endpoint admits only this distribution; the contract proves it.
func TestLiveOriginAccessControl(t *testing.T) {
	for _, auth := range []string{"OAC", "BOTH"} {
		s := synth(t, map[string]any{"live:originAuth": auth, "streamcdk:stacks": "live"}, false)
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

// TestMediaPackageVodKeepsAdMarkers: MediaPackage VOD's HLS and CMAF configurations copy the
// input HLS's SCTE-35 ad markers (the mid-roll cues), instead of stripping them (NONE).
func TestMediaPackageVodKeepsAdMarkers(t *testing.T) {
	n := 0
	for id, c := range resources(synth(t, mediaPackageVariant, false).vodJSON, "AWS::MediaPackage::PackagingConfiguration") {
		p := c["Properties"].(map[string]any)
		for _, pkg := range []string{"HlsPackage", "CmafPackage"} {
			if pk, ok := p[pkg].(map[string]any); ok {
				for _, m := range pk["HlsManifests"].([]any) {
					n++
					if got := m.(map[string]any)["AdMarkers"]; got != string(mpvodtypes.AdMarkersPassthrough) {
						t.Errorf("%s: %s AdMarkers %v, want %s", id, pkg, got, mpvodtypes.AdMarkersPassthrough)
					}
				}
			}
		}
	}
	if n != 2 {
		t.Errorf("checked %d HLS manifests, want HLS and CMAF", n)
	}
}
