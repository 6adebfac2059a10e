package test

import (
	"encoding/json"
	"regexp"
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
	for id, c := range resources(synth(t, mediaPackageKmsVariant, false).vodJSON, "AWS::MediaPackage::PackagingConfiguration") {
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

// TestVodDRM (vod:drm=demo, mediaPackageVariant): the CMAF and DASH packaging configurations ask the stack's key
// server for keys through SPEKE v2 (MediaPackage VOD's preset spelling, from the SDK; Widevine,
// the one system both packages take of the demo's), with the key server's role; there is no
// HLS (TS) configuration (SPEKE v1 only); the distribution cannot reach the clear renditions
// (MediaPackage is its default behaviour, the bucket admits no CloudFront); the license route
// is served; the prepare function knows, and no clear playback URL is an output.
func TestVodDRM(t *testing.T) {
	tmpl := synth(t, mediaPackageVariant, false).vodJSON
	configs := resources(tmpl, "AWS::MediaPackage::PackagingConfiguration")
	if len(configs) != 2 {
		t.Errorf("%d packaging configurations, want CMAF and DASH", len(configs))
	}
	for id, c := range configs {
		p := c["Properties"].(map[string]any)
		if p["HlsPackage"] != nil {
			t.Errorf("%s: an HLS (TS) configuration with DRM", id)
		}
		var pkg map[string]any
		for _, k := range []string{"CmafPackage", "DashPackage"} {
			if m, ok := p[k].(map[string]any); ok {
				pkg = m
			}
		}
		enc, _ := pkg["Encryption"].(map[string]any)
		sk, _ := enc["SpekeKeyProvider"].(map[string]any)
		b, _ := json.Marshal(sk)
		contract, _ := sk["EncryptionContractConfiguration"].(map[string]any)
		if contract["PresetSpeke20Audio"] != string(mpvodtypes.PresetSpeke20AudioPresetAudio1) || contract["PresetSpeke20Video"] != string(mpvodtypes.PresetSpeke20VideoPresetVideo1) {
			t.Errorf("%s: encryption contract %v", id, contract)
		}
		if ids, _ := sk["SystemIds"].([]any); len(ids) != 1 || ids[0] != "edef8ba9-79d6-4ace-a3c8-27dcd51d21ed" {
			t.Errorf("%s: system ids %v, want Widevine's", id, sk["SystemIds"])
		}
		if !strings.Contains(string(b), "KeyServerMediaPackageRole") || !strings.Contains(string(b), "KeyServerApi") || !strings.Contains(string(b), "/speke") {
			t.Errorf("%s: key provider %s is not the key server's", id, b)
		}
	}
	for id, d := range resources(tmpl, "AWS::CloudFront::Distribution") {
		cfg := d["Properties"].(map[string]any)["DistributionConfig"].(map[string]any)
		b, _ := json.Marshal(cfg)
		if outputsBucket.Match(b) {
			t.Errorf("%s reaches the renditions bucket", id)
		}
		paths := map[string]bool{}
		for _, cb := range cfg["CacheBehaviors"].([]any) {
			paths[cb.(map[string]any)["PathPattern"].(string)] = true
		}
		if !paths["/streamcdk-license/*"] || paths["/out/v1/*"] {
			t.Errorf("%s: behaviours %v, want the license route and MediaPackage as the default", id, paths)
		}
	}
	for id, bp := range resources(tmpl, "AWS::S3::BucketPolicy") {
		if b, _ := json.Marshal(bp); outputsBucket.Match(b) && strings.Contains(string(b), "cloudfront.amazonaws.com") {
			t.Errorf("%s lets CloudFront read the renditions", id)
		}
	}
	env := ""
	for id, f := range resources(tmpl, "AWS::Lambda::Function") {
		if strings.Contains(id, "Prepare") {
			b, _ := json.Marshal(f["Properties"].(map[string]any)["Environment"])
			env = string(b)
		}
	}
	if !strings.Contains(env, `"PRIVATE_OUTPUTS":"true"`) || !strings.Contains(env, `"CLEARKEY_LICENSE":"/streamcdk-license"`) {
		t.Errorf("prepare function environment %s", env)
	}
	outs, _ := json.Marshal(tmpl["Outputs"])
	if strings.Contains(string(outs), "PlaybackUrlHls") || !strings.Contains(string(outs), "PlaybackUrls") {
		t.Errorf("outputs name clear renditions or miss the encrypted ones: %s", outs)
	}
}

// outputsBucket is the renditions bucket's logical id in a template.
var outputsBucket = regexp.MustCompile(`"Outputs[0-9A-F]{8}"`)
