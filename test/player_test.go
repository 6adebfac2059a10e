package test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// TestPlayerPageServed: /player/ reaches the page's index.html (a viewer-request function,
// since S3 behind OAC answers a folder's key with 403), each deploy invalidates /player/*, and
// the page's headers forbid framing and foreign streams. test/browser plays through all of it.
func TestPlayerPageServed(t *testing.T) {
	s := synth(t, nil, false)
	for stack, tmpl := range map[string]map[string]any{"VoD": s.vodJSON, "Live": s.liveJSON} {
		b, _ := route(t, tmpl, "/player/")
		fa, _ := b["FunctionAssociations"].([]any)
		if len(fa) != 1 || fa[0].(map[string]any)["EventType"] != "viewer-request" {
			t.Errorf("%s: /player/ runs functions %v, want the index rewrite on viewer requests", stack, fa)
		}
		for _, d := range resources(tmpl, "Custom::CDKBucketDeployment") {
			p := d["Properties"].(map[string]any)
			if fmt.Sprint(p["DistributionPaths"]) != "[/player/*]" || p["DistributionId"] == nil {
				t.Errorf("%s: the page's deployment invalidates %v on %v, want /player/* on the distribution", stack, p["DistributionPaths"], p["DistributionId"])
			}
		}
		csp := string(plainJSON(resources(tmpl, "AWS::CloudFront::ResponseHeadersPolicy")))
		for _, want := range []string{"frame-ancestors 'none'", "connect-src 'self'", `"FrameOption":"DENY"`} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: the page's headers lack %s", stack, want)
			}
		}
	}
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
	if strings.Contains(string(outs), "clearkey=") {
		t.Errorf("MainPlayerUrl names a Clear Key license without DRM: %s", outs)
	}
	// With the demo key server, the link decrypts CMAF HLS and DASH with Clear Key from the
	// license route, each named by its endpoint's content id (<stack>-<channel>-<endpoint>).
	drm := synth(t, mediaPackageVariant, false)
	demo, _ := json.Marshal(drm.liveJSON["Outputs"].(map[string]any)["MainPlayerUrl"])
	demo = []byte(strings.ReplaceAll(string(demo), `\u0026`, "&"))
	if !strings.Contains(string(demo), `&clearkey.DASH=/streamcdk-license/",{"Fn::Join":["-",[{"Ref":"AWS::StackName"},"main-cmaf-dash"]]}`) ||
		!strings.Contains(string(demo), `&clearkey.CMAF=/streamcdk-license/",{"Fn::Join":["-",[{"Ref":"AWS::StackName"},"main-cmaf-hls"]]}`) {
		t.Errorf("demo DRM MainPlayerUrl %s lacks the Clear Key license route", demo)
	}
	// With a vendor's DRM, the link opens the CMAF HLS (the TS endpoint's FairPlay SAMPLE-AES
	// plays in no hls.js) and says which license parameters to add.
	vendor, _ := json.Marshal(synth(t, mediaPackageKmsVariant, false).liveJSON["Outputs"].(map[string]any)["MainPlayerUrl"])
	v := strings.ReplaceAll(string(vendor), `\u0026`, "&")
	if !strings.Contains(v, "cmaf-hls/index.m3u8&alt.DASH=") || strings.Contains(v, "alt.CMAF") || !strings.Contains(v, "&fairplay= with &fairplaycert=") {
		t.Errorf("vendor DRM MainPlayerUrl %s", v)
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
