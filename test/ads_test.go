package test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/test/browser"
)

// TestLiveAds: with ads on, each channel gets a MediaTailor playback configuration whose
// content source, content segments and ad segments are the stack's distribution, which routes
// MediaTailor's paths (sessions and manifests uncached with the MediaTailor origin request
// policy, ad segments cached) in the order CloudFront matches them; the outputs and the player
// link carry the ad-enabled URLs. Without ads none of it exists.
func TestLiveAds(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	configs := resources(s.liveJSON, "AWS::MediaTailor::PlaybackConfiguration")
	if len(configs) != 2 {
		t.Fatalf("%d playback configurations, want one per channel", len(configs))
	}
	dist := map[string]any{"Fn::GetAtt": []any{logicalID(t, s.liveJSON, "AWS::CloudFront::Distribution"), "DomainName"}}
	distURL := func(path ...any) any {
		return map[string]any{"Fn::Join": []any{"", append([]any{"https://", dist}, path...)}}
	}
	byServer := map[string]map[string]any{}
	for _, c := range configs {
		p := c["Properties"].(map[string]any)
		byServer[string(plainJSON(p["AdDecisionServerUrl"]))] = p
		cdn := p["CdnConfiguration"].(map[string]any)
		if !jsonEqual(cdn["AdSegmentUrlPrefix"], distURL()) || !jsonEqual(cdn["ContentSegmentUrlPrefix"], p["VideoContentSourceUrl"]) {
			t.Errorf("CdnConfiguration %v: ad segments must go to the distribution, content segments to the content source", cdn)
		}
		// MediaPackage v2's live DASH starts a period per ad marker: MULTI_PERIOD.
		if dc, _ := json.Marshal(p["DashConfiguration"]); string(dc) != `{"MpdLocation":"DISABLED","OriginManifestType":"`+ads.OriginMultiPeriod+`"}` {
			t.Errorf("DashConfiguration %s", dc)
		}
	}
	news := byServer[string(plainJSON("https://ads.example.com/news/vast?dur=[session.avail_duration_secs]&sid=[session.id]&upid=[scte.segmentation_upid]"))]
	sports := byServer[string(plainJSON(distURL("/player/ads/vast.xml")))]
	if news == nil || sports == nil {
		t.Fatalf("ad servers %s: want news's own and the stack's demo one on sports", sortedPairs(map[string]any{"servers": fmt.Sprint(len(byServer))}))
	}
	for name, p := range map[string]map[string]any{"news": news, "sports": sports} {
		src, _ := json.Marshal(p["VideoContentSourceUrl"])
		if !strings.Contains(string(src), "/out/v1/") || !strings.Contains(string(src), "/"+name+`/"`) {
			t.Errorf("%s content source %s: want https://<distribution>/out/v1/<group>/%s/ (the slash: DASH's BaseURL)", name, src, name)
		}
	}
	if news["SlateAdUrl"] != "https://media.example.com/slate.mp4" || news["PersonalizationThresholdSeconds"] != 4.0 {
		t.Errorf("news slate/threshold: %v %v", news["SlateAdUrl"], news["PersonalizationThresholdSeconds"])
	}
	if as, _ := json.Marshal(news["AvailSuppression"]); string(as) != `{"FillPolicy":"PARTIAL_AVAIL","Mode":"AFTER_LIVE_EDGE","Value":"00:00:10"}` {
		t.Errorf("news avail suppression %s", as)
	}
	if sports["SlateAdUrl"] != nil || sports["AvailSuppression"] != nil {
		t.Errorf("sports has news's settings: %v", sports)
	}

	// CloudFront: MediaTailor's paths, sessions before the other /v1/ paths.
	dc := resources(s.liveJSON, "AWS::CloudFront::Distribution")
	var patterns []string
	byPattern := map[string]map[string]any{}
	for _, d := range dc {
		for _, b := range d["Properties"].(map[string]any)["DistributionConfig"].(map[string]any)["CacheBehaviors"].([]any) {
			m := b.(map[string]any)
			patterns = append(patterns, m["PathPattern"].(string))
			byPattern[m["PathPattern"].(string)] = m
		}
	}
	if idx(patterns, "/v1/session/*") < 0 || idx(patterns, "/v1/session/*") > idx(patterns, "/v1/*") || idx(patterns, "/v1/segment/*") > idx(patterns, "/v1/*") || idx(patterns, "/tm/*") < 0 {
		t.Fatalf("behaviours %v: want /v1/session/* and /v1/segment/* before /v1/*, and /tm/*", patterns)
	}
	// Sessions start with POST: their CORS policy allows it, the others' do not need it.
	for pattern, post := range map[string]bool{"/v1/session/*": true, "/v1/*": false} {
		id := byPattern[pattern]["ResponseHeadersPolicyId"].(map[string]any)["Ref"].(string)
		methods := fmt.Sprint(s.liveJSON["Resources"].(map[string]any)[id].(map[string]any)["Properties"].(map[string]any)["ResponseHeadersPolicyConfig"].(map[string]any)["CorsConfig"].(map[string]any)["AccessControlAllowMethods"])
		if strings.Contains(methods, "POST") != post {
			t.Errorf("%s: CORS methods %s", pattern, methods)
		}
	}
	const disabled, optimized, tailor = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "658327ea-f89d-4fab-a63d-7e88639e58f6", "775133bc-15f2-49f9-abea-afb2e0bf67d2"
	// Ad segment redirects: cached with every query string in the key (a custom policy).
	var redirects string
	for id := range resources(s.liveJSON, "AWS::CloudFront::CachePolicy") {
		if strings.Contains(id, "AdSegmentRedirects") {
			redirects = id
		}
	}
	if qs := string(plainJSON(resources(s.liveJSON, "AWS::CloudFront::CachePolicy")[redirects]["Properties"].(map[string]any)["CachePolicyConfig"].(map[string]any)["ParametersInCacheKeyAndForwardedToOrigin"].(map[string]any)["QueryStringsConfig"])); !strings.Contains(qs, `"QueryStringBehavior":"all"`) {
		t.Errorf("ad segment redirects' cache key %s, want every query string", qs)
	}
	for pattern, want := range map[string][3]any{"/v1/session/*": {disabled, tailor, 7}, "/v1/segment/*": {map[string]any{"Ref": redirects}, nil, 3}, "/v1/*": {disabled, tailor, 3}, "/tm/*": {optimized, nil, 3}} {
		b := byPattern[pattern]
		if !jsonEqual(b["CachePolicyId"], want[0]) || b["OriginRequestPolicyId"] != want[1] || len(b["AllowedMethods"].([]any)) != want[2] {
			t.Errorf("%s: cache %v, origin request %v, methods %v; want %v", pattern, b["CachePolicyId"], b["OriginRequestPolicyId"], b["AllowedMethods"], want)
		}
	}
	origins, _ := json.Marshal(dc)
	for _, host := range []string{`"manifests.mediatailor.",{"Ref":"AWS::Region"},".amazonaws.com"`, `"segments.mediatailor.",{"Ref":"AWS::Region"},".amazonaws.com"`} {
		if !strings.Contains(string(origins), host) {
			t.Errorf("no origin %s", host)
		}
	}

	// Outputs: ad-enabled URLs through the distribution, and the player's ads switch.
	outs := plainJSON(s.liveJSON["Outputs"])
	for _, want := range []string{`"NewsAdsHlsUrl"`, `"NewsAdsDashUrl"`, `"SportsAdsHlsUrl"`, `"/v1/master/"`, `"/v1/dash/"`, `hls/index.m3u8`, `&ads=`, `&ads.DASH=`} {
		if !strings.Contains(string(outs), want) {
			t.Errorf("outputs lack %s", want)
		}
	}
	if strings.Contains(string(outs), "mediatailor.") && strings.Contains(string(outs), `"Fn::GetAtt":["AdsnewsResource`) && !strings.Contains(string(outs), `"/v1/master/",{"Fn::Select"`) {
		t.Errorf("outputs point players at MediaTailor's own host instead of the distribution")
	}

	// Scheduled breaks on sports alone: an immediate 30 s splice insert every 5 minutes.
	scheds := resources(s.liveJSON, "AWS::Scheduler::Schedule")
	if len(scheds) != 1 {
		t.Fatalf("%d schedules, want sports's", len(scheds))
	}
	for _, sc := range scheds {
		p := sc["Properties"].(map[string]any)
		tg := p["Target"].(map[string]any)
		in := plainJSON(tg["Input"])
		if p["ScheduleExpression"] != "rate(5 minutes)" || !strings.Contains(string(in), fmt.Sprintf(`\"SpliceEventId\":%d`, liveingest.BreakSpliceEventID)) || !strings.Contains(string(in), `\"Duration\":2700000`) ||
			!strings.Contains(string(in), "<aws.scheduler.execution-id>") || !strings.Contains(string(in), "ImmediateModeScheduleActionStartSettings") {
			t.Errorf("schedule %v input %s", p["ScheduleExpression"], in)
		}
		if arn, _ := json.Marshal(tg["Arn"]); !strings.Contains(string(arn), "scheduler:::aws-sdk:medialive:batchUpdateSchedule") {
			t.Errorf("target %s", arn)
		}
	}

	off := synth(t, nil, false)
	b, _ := json.Marshal(off.liveJSON)
	for _, absent := range []string{"AWS::MediaTailor::", "AWS::Scheduler::", "mediatailor", `"/v1/*"`, "/tm/"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("the default live stack has %s", absent)
		}
	}
}

// plainJSON is v as JSON without HTML escapes (& < > as written).
func plainJSON(v any) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return []byte(b.String())
}

func idx(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// logicalID is the logical id of the template's only resource of a type.
func logicalID(t *testing.T, tmpl map[string]any, typ string) string {
	t.Helper()
	rs := resources(tmpl, typ)
	if len(rs) != 1 {
		t.Fatalf("%d resources of type %s, want 1", len(rs), typ)
	}
	for id := range rs {
		return id
	}
	return ""
}

// TestVodAds: with ads on, the VoD stack has one MediaTailor playback configuration in front of
// the whole distribution (S3 outputs and MediaPackage alike), the demo ad server's VAST served
// from the player bucket, ad-enabled outputs, and the function that builds each job's playback
// URLs knows the ad-enabled prefixes and the mid-roll positions.
func TestVodAds(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	dist := map[string]any{"Fn::GetAtt": []any{logicalID(t, s.vodJSON, "AWS::CloudFront::Distribution"), "DomainName"}}
	configs := resources(s.vodJSON, "AWS::MediaTailor::PlaybackConfiguration")
	if len(configs) != 1 {
		t.Fatalf("%d playback configurations, want 1", len(configs))
	}
	for _, c := range configs {
		p := c["Properties"].(map[string]any)
		if !jsonEqual(p["VideoContentSourceUrl"], map[string]any{"Fn::Join": []any{"", []any{"https://", dist, "/"}}}) {
			t.Errorf("content source %v", p["VideoContentSourceUrl"])
		}
		if !jsonEqual(p["AdDecisionServerUrl"], map[string]any{"Fn::Join": []any{"", []any{"https://", dist, "/player/ads/vast.xml"}}}) {
			t.Errorf("ad server %v, want the stack's demo VAST", p["AdDecisionServerUrl"])
		}
		if p["SlateAdUrl"] != nil || p["AvailSuppression"] != nil {
			t.Errorf("live-only settings on VoD: %v", p)
		}
		// MediaConvert's on-demand DASH is one period (MediaTailor's DashConfiguration: SINGLE_PERIOD).
		if dc, _ := p["DashConfiguration"].(map[string]any); dc["OriginManifestType"] != ads.OriginSinglePeriod {
			t.Errorf("VoD DashConfiguration %v, want OriginManifestType %s", dc, ads.OriginSinglePeriod)
		}
	}
	var env map[string]any
	for _, f := range resources(s.vodJSON, "AWS::Lambda::Function") {
		if e, ok := f["Properties"].(map[string]any)["Environment"].(map[string]any); ok && e["Variables"].(map[string]any)["SPEC"] != nil {
			env = e["Variables"].(map[string]any)
		}
	}
	if env == nil {
		t.Fatal("no prepare function")
	}
	if h, d := string(plainJSON(env["ADS_HLS_PREFIX"])), string(plainJSON(env["ADS_DASH_PREFIX"])); !strings.Contains(h, `"/v1/master/",{"Fn::Select"`) || !strings.Contains(d, `"/v1/dash/",{"Fn::Select"`) {
		t.Errorf("ad prefixes %s %s", h, d)
	}
	if spec := env["SPEC"].(string); !strings.Contains(spec, `"adBreaks":[60,300]`) {
		t.Errorf("SPEC %s lacks the mid-rolls", spec)
	}
	outs := string(plainJSON(s.vodJSON["Outputs"]))
	for _, want := range []string{`"AdsPlaybackUrlHls"`, `"AdsPlaybackUrlCmafHls"`, `"AdsPlaybackUrlCmafDash"`} {
		if !strings.Contains(outs, want) {
			t.Errorf("outputs lack %s", want)
		}
	}
	// The demo server: its creative in the page's asset, its VAST (naming the distribution)
	// written at deploy time.
	deps := resources(s.vodJSON, "Custom::CDKBucketDeployment")
	for _, d := range deps {
		keys := d["Properties"].(map[string]any)["SourceObjectKeys"].([]any)
		markers := string(plainJSON(d["Properties"].(map[string]any)["SourceMarkers"]))
		if len(keys) != 2 || !strings.Contains(markers, "DomainName") {
			t.Errorf("player deployment: %d sources, markers %s; want the page and the VAST naming the distribution", len(keys), markers)
		}
	}
	found := false
	filepath.WalkDir(s.assembly, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, filepath.Join("ads", "creative.mp4")) {
			found = true
		}
		return nil
	})
	if !found {
		t.Error("the demo creative is not in the player's asset")
	}
}

// route returns the behaviour CloudFront picks for path (path patterns in order, * and ?
// wildcards, then the default) and its origin.
func route(t *testing.T, tmpl map[string]any, path string) (behavior, origin map[string]any) {
	t.Helper()
	for _, d := range resources(tmpl, "AWS::CloudFront::Distribution") {
		dc := d["Properties"].(map[string]any)["DistributionConfig"].(map[string]any)
		behavior = dc["DefaultCacheBehavior"].(map[string]any)
		bs, _ := dc["CacheBehaviors"].([]any)
		for _, b := range bs {
			m := b.(map[string]any)
			re := "^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(m["PathPattern"].(string))) + "$"
			if regexp.MustCompile(re).MatchString(path) {
				behavior = m
				break
			}
		}
		for _, o := range dc["Origins"].([]any) {
			if o.(map[string]any)["Id"] == behavior["TargetOriginId"] {
				return behavior, o.(map[string]any)
			}
		}
	}
	t.Fatalf("no origin for %s", path)
	return nil, nil
}

// TestAdRequestsRouted follows, through the synthesized distributions, every request the ad
// insertion path makes at run time: MediaTailor fetching the content manifests and the demo
// VAST, players asking for sessions, personalised manifests and ad redirects (MediaTailor's
// manifest host, uncached, POST for sessions), ad segments (MediaTailor's segment host) and
// content segments (the content's own origin). Each must reach the right origin unsigned, and
// a live content fetch must carry the CDN identifier MediaPackage checks.
func TestAdRequestsRouted(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	host := func(o map[string]any) string { return string(plainJSON(o["DomainName"])) }
	for stack, c := range map[string]struct {
		tmpl    map[string]any
		content []string
		want    string // the content origin's domain, as the template names it
	}{
		"VoD":  {s.vodJSON, []string{"/show/ep1-mov/hls/index.m3u8", "/show/ep1-mov/hls/index_1280x720_4500k_00001.ts"}, `"Outputs`},
		"Live": {s.liveJSON, []string{"/out/v1/StreamCdkLive-Packaging-CA45AEC9/news/hls/index.m3u8", "/out/v1/StreamCdkLive-Packaging-CA45AEC9/sports/cmaf-dash/index.mpd"}, `EgressDomain`},
	} {
		for _, p := range c.content {
			b, o := route(t, c.tmpl, p)
			if !strings.Contains(host(o), c.want) || b["TrustedKeyGroups"] != nil {
				t.Errorf("%s: MediaTailor's fetch of %s goes to %s (signed: %v), want the content origin unsigned", stack, p, host(o), b["TrustedKeyGroups"] != nil)
			}
			if stack == "Live" && !strings.Contains(string(plainJSON(o["OriginCustomHeaders"])), "X-MediaPackageV2-CDNIdentifier") {
				t.Errorf("Live: %s reaches MediaPackage without the CDN identifier header", p)
			}
		}
		for p, want := range map[string]string{
			"/player/ads/vast.xml":                 `"PlayerBucket`,
			"/v1/session/abc123/cfg/show/ep1.m3u8": `"manifests.mediatailor."`,
			"/v1/master/abc123/cfg/show/ep1.m3u8":  `"manifests.mediatailor."`,
			"/v1/dash/abc123/cfg/show/ep1.mpd":     `"manifests.mediatailor."`,
			"/v1/manifest/abc123/sess/0.m3u8":      `"manifests.mediatailor."`,
			"/v1/segment/cfg/sess/0/1":             `"manifests.mediatailor."`,
			"/v1/dashsegment/abc123/cfg/sess/1/2":  `"manifests.mediatailor."`,
			"/v1/tracking/abc123/cfg/sess":         `"manifests.mediatailor."`,
			"/tm/abc123/def/360p/0.ts":             `"segments.mediatailor."`,
		} {
			b, o := route(t, c.tmpl, p)
			if !strings.Contains(host(o), want) || b["TrustedKeyGroups"] != nil {
				t.Errorf("%s: %s goes to %s, want %s unsigned", stack, p, host(o), want)
			}
			methods := fmt.Sprint(b["AllowedMethods"])
			if strings.HasPrefix(p, "/v1/session/") != strings.Contains(methods, "POST") {
				t.Errorf("%s: %s allows %s", stack, p, methods)
			}
		}
	}
}

// TestAdRoutesOnlyOurConfigurations: MediaTailor's regional hosts serve every account's
// playback configurations, picked from the path; the distribution's guard function (run from
// the template) relays only this stack's configurations, and POST only to start sessions.
// Ad segments (/tm/*) name no configuration and are not guarded.
func TestAdRoutesOnlyOurConfigurations(t *testing.T) {
	// (Without the account's hash: names only; the end of the test sets it.)
	s := synth(t, liveChannelsVariant, false)
	for stack, tmpl := range map[string]map[string]any{"VoD": s.vodJSON, "Live": s.liveJSON} {
		var names []string
		for _, c := range resources(tmpl, "AWS::MediaTailor::PlaybackConfiguration") {
			names = append(names, c["Properties"].(map[string]any)["Name"].(string))
		}
		cfg := names[0]
		for _, c := range []struct {
			method, path string
			allowed      bool
		}{
			{"POST", "/v1/session/abc123/" + cfg + "/show/ep1.m3u8", true},
			{"GET", "/v1/master/abc123/" + cfg + "/show/ep1.m3u8", true},
			{"GET", "/v1/dash/abc123/" + cfg + "/show/ep1.mpd", true},
			{"GET", "/v1/manifest/abc123/" + cfg + "/sess/0.m3u8", true},
			{"GET", "/v1/segment/abc123/" + cfg + "/sess/0/1", true},
			{"GET", "/v1/dashsegment/abc123/" + cfg + "/sess/1/2", true},
			{"GET", "/v1/tracking/abc123/" + cfg + "/sess", true},
			{"GET", "/v1/master/otherhash/someone-elses-config/show.m3u8", false},
			{"GET", "/v1/master/otherhash/x/" + cfg + "/show.m3u8", false}, // our name deeper in the path
			{"GET", "/v1/master/abc123/" + cfg + "/../../otherhash/theirs/index.m3u8", false},
			{"GET", "/v1/master/abc123/" + cfg + "/%2e%2e/x.m3u8", false},
			{"GET", "/v1/master/abc123/" + cfg + "/v1/master/abc123/" + cfg + "/x.m3u8", false}, // back into our own routes: a loop
			{"GET", "/v1/segment/" + cfg + "/sess/0/1", false},                                  // no account in the path
			{"POST", "/v1/master/abc123/" + cfg + "/show/ep1.m3u8", false},
			{"DELETE", "/v1/session/abc123/" + cfg + "/show/ep1.m3u8", false},
		} {
			b, _ := route(t, tmpl, c.path)
			fa, _ := b["FunctionAssociations"].([]any)
			if len(fa) != 1 {
				t.Errorf("%s: %s runs %d functions, want the guard", stack, c.path, len(fa))
				continue
			}
			fn := tmpl["Resources"].(map[string]any)[fa[0].(map[string]any)["FunctionARN"].(map[string]any)["Fn::GetAtt"].([]any)[0].(string)]
			code := fn.(map[string]any)["Properties"].(map[string]any)["FunctionCode"].(string)
			_, status, err := browser.ViewerRequest(code, c.method, c.path)
			if err != nil {
				t.Fatalf("%s: guard: %v", stack, err)
			}
			if (status == 0) != c.allowed {
				t.Errorf("%s: %s %s answered %d, want allowed=%v", stack, c.method, c.path, status, c.allowed)
			}
		}
		if b, _ := route(t, tmpl, "/tm/abc/def/0.ts"); b["FunctionAssociations"] != nil {
			t.Errorf("%s: /tm/* is guarded, but its paths name no configuration", stack)
		}
	}
	// With the account's hash (the MediaTailorAccountHash output, given back as a setting),
	// another account's configuration of the same name is refused too.
	s = synth(t, withOverride(withOverride(liveChannelsVariant, "vod:mediaTailorAccountHash", "abc123abc123"), "live:mediaTailorAccountHash", "abc123abc123"), false)
	for stack, tmpl := range map[string]map[string]any{"VoD": s.vodJSON, "Live": s.liveJSON} {
		var cfg string
		for _, c := range resources(tmpl, "AWS::MediaTailor::PlaybackConfiguration") {
			cfg = c["Properties"].(map[string]any)["Name"].(string)
		}
		b, _ := route(t, tmpl, "/v1/master/x/"+cfg+"/a.m3u8")
		fn := tmpl["Resources"].(map[string]any)[b["FunctionAssociations"].([]any)[0].(map[string]any)["FunctionARN"].(map[string]any)["Fn::GetAtt"].([]any)[0].(string)]
		code := fn.(map[string]any)["Properties"].(map[string]any)["FunctionCode"].(string)
		for path, allowed := range map[string]bool{"/v1/master/abc123abc123/" + cfg + "/a.m3u8": true, "/v1/master/otheraccount1/" + cfg + "/a.m3u8": false} {
			if _, status, _ := browser.ViewerRequest(code, "GET", path); (status == 0) != allowed {
				t.Errorf("%s with the account hash: %s answered %d, want allowed=%v", stack, path, status, allowed)
			}
		}
		if _, ok := tmpl["Outputs"].(map[string]any)["MediaTailorAccountHash"]; !ok {
			t.Errorf("%s: no MediaTailorAccountHash output", stack)
		}
	}
}

// TestGeoAllowWithAds: a country allow-list with ads on warns at synth, naming both settings:
// MediaTailor fetches the content through the distribution from the stack's Region.
func TestGeoAllowWithAds(t *testing.T) {
	s := synth(t, map[string]any{"live:adDecisionServerUrl": "https://ads.example.com/vast", "live:geoAllow": "DE,AT", "streamcdk:stacks": "live"}, false)
	assertions.Annotations_FromStack(s.stacks.Live.Stack).HasWarning(jsii.String("*"),
		assertions.Match_StringLikeRegexp(jsii.String(`live:geoAllow \(DE,AT\) applies to MediaTailor too.*live:adDecisionServerUrl`)))
}
