package test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
)

func TestDistributionDefaults(t *testing.T) {
	s := synth(t, nil, false)
	hasProps(t, s.vod, "AWS::CloudFront::Distribution", map[string]any{
		"DistributionConfig": assertions.Match_ObjectLike(&map[string]any{
			"HttpVersion": "http2and3",
			"PriceClass":  "PriceClass_100",
			"Logging":     assertions.Match_ObjectLike(&map[string]any{"Prefix": "cloudfront/"}),
			"DefaultCacheBehavior": assertions.Match_ObjectLike(&map[string]any{
				"ViewerProtocolPolicy":    "redirect-to-https",
				"Compress":                true,
				"ResponseHeadersPolicyId": assertions.Match_AnyValue(),
				"OriginRequestPolicyId":   "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", // Managed-CORS-S3Origin
			}),
			// The outputs and the player page: both private S3 origins behind OAC.
			"Origins": []any{
				assertions.Match_ObjectLike(&map[string]any{"OriginAccessControlId": assertions.Match_AnyValue()}),
				assertions.Match_ObjectLike(&map[string]any{"OriginAccessControlId": assertions.Match_AnyValue()}),
			},
		}),
	})
	hasProps(t, s.vod, "AWS::CloudFront::ResponseHeadersPolicy", map[string]any{
		"ResponseHeadersPolicyConfig": assertions.Match_ObjectLike(&map[string]any{
			"CorsConfig": assertions.Match_ObjectLike(&map[string]any{
				"AccessControlAllowOrigins": map[string]any{"Items": []any{"*"}},
				"AccessControlAllowMethods": map[string]any{"Items": []any{"GET", "HEAD", "OPTIONS"}},
				"OriginOverride":            true,
			}),
		}),
	})
	// The output bucket is private: only CloudFront (OAC) may read it.
	hasProps(t, s.vod, "AWS::S3::BucketPolicy", map[string]any{
		"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{
			"Principal": map[string]any{"Service": "cloudfront.amazonaws.com"},
			"Action":    "s3:GetObject",
		})})},
	})
}

func TestDistributionWithMediaPackage(t *testing.T) {
	s := synth(t, mediaPackageKmsVariant, false)
	hasProps(t, s.vod, "AWS::CloudFront::Distribution", map[string]any{
		"DistributionConfig": assertions.Match_ObjectLike(&map[string]any{
			"CacheBehaviors": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{
				"PathPattern":   "/out/v1/*",
				"CachePolicyId": "08627262-05a9-4f76-9ded-b50ca2e3a84f", // Managed-Elemental-MediaPackage
			})}),
			"Origins": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{
				"CustomOriginConfig": assertions.Match_ObjectLike(&map[string]any{"OriginProtocolPolicy": "https-only"}),
				"OriginCustomHeaders": []any{map[string]any{
					"HeaderName": "X-MediaPackage-CDNIdentifier",
					"HeaderValue": map[string]any{"Fn::Join": []any{"", []any{
						"{{resolve:secretsmanager:", map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^CdnIdentifier"))},
						":SecretString:MediaPackageCDNIdentifier::}}"}}},
				}},
			})}),
		}),
	})
	hasProps(t, s.vod, "AWS::MediaPackage::PackagingGroup", map[string]any{
		"Authorization": map[string]any{
			"CdnIdentifierSecret": map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^CdnIdentifier"))},
			"SecretsRoleArn":      assertions.Match_AnyValue(),
		},
	})
	for _, pkg := range []string{"HlsPackage", "DashPackage", "CmafPackage"} {
		hasProps(t, s.vod, "AWS::MediaPackage::PackagingConfiguration", map[string]any{
			pkg: assertions.Match_ObjectLike(&map[string]any{"SegmentDurationSeconds": 6}),
		})
	}
	// MediaPackage ingests the HLS (TS) output: the formats default to HLS.
	hasProps(t, s.vod, "AWS::Lambda::Function", map[string]any{
		"Environment": map[string]any{"Variables": assertions.Match_ObjectLike(&map[string]any{"SPEC": assertions.Match_SerializedJson(assertions.Match_ObjectLike(&map[string]any{"formats": []any{"HLS"}}))})},
	})
	// The generated identifier never appears as a literal.
	hasProps(t, s.vod, "AWS::SecretsManager::Secret", map[string]any{
		"GenerateSecretString": assertions.Match_ObjectLike(&map[string]any{"GenerateStringKey": "MediaPackageCDNIdentifier"}),
	})
}

func TestDistributionOptions(t *testing.T) {
	s := synth(t, optionsVariant, false)
	hasProps(t, s.vod, "AWS::CloudFront::Distribution", map[string]any{
		"DistributionConfig": assertions.Match_ObjectLike(&map[string]any{
			"Aliases":           []any{"video.example.com"},
			"PriceClass":        "PriceClass_All",
			"WebACLId":          optionsVariant["vod:webAclArn"],
			"Restrictions":      map[string]any{"GeoRestriction": map[string]any{"RestrictionType": "whitelist", "Locations": []any{"US", "CA", "DE"}}},
			"ViewerCertificate": assertions.Match_ObjectLike(&map[string]any{"MinimumProtocolVersion": "TLSv1.2_2021", "SslSupportMethod": "sni-only"}),
			"Origins": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{
				"OriginShield": map[string]any{"Enabled": true, "OriginShieldRegion": "us-east-1"},
			})}),
			// Signed URLs or cookies only.
			"DefaultCacheBehavior": assertions.Match_ObjectLike(&map[string]any{
				"TrustedKeyGroups": []any{map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^CdnSigners"))}},
			}),
		}),
	})
	pem, _ := os.ReadFile("testdata/signing-public-key.pem")
	hasProps(t, s.vod, "AWS::CloudFront::PublicKey", map[string]any{
		"PublicKeyConfig": assertions.Match_ObjectLike(&map[string]any{"EncodedKey": strings.TrimSpace(string(pem))}),
	})
	b, _ := json.Marshal(resources(s.vodJSON, "AWS::CloudFront::ResponseHeadersPolicy"))
	if !strings.Contains(string(b), "https://player.example.com") {
		t.Error("playback CORS origin missing")
	}
}

func TestStackOutputs(t *testing.T) {
	s := synth(t, nil, false)
	outs := s.vodJSON["Outputs"].(map[string]any)
	for _, k := range []string{"MezzanineBucketName", "OutputBucketName", "CloudFrontDomainName", "PlaybackUrlCmafHls", "PlaybackUrlCmafDash", "JobsTableName", "NotificationsTopicArn", "CompletionsQueueUrl", "StateMachineArn"} {
		if _, ok := outs[k]; !ok {
			t.Errorf("output %s missing", k)
		}
	}
	// One URL per output, one output per manifest of the configured formats.
	for k, want := range map[string]string{"PlaybackUrlCmafHls": `/\u003cbase\u003e/cmaf/index.m3u8"`, "PlaybackUrlCmafDash": `/\u003cbase\u003e/cmaf/index.mpd"`} {
		b, _ := json.Marshal(outs[k])
		if !strings.Contains(string(b), want) || strings.Count(string(b), "https://") != 1 {
			t.Errorf("%s %s, want one URL ending %s", k, b, want)
		}
	}
	for _, k := range []string{"PlaybackUrlHls", "PlaybackUrlMp4", "PlaybackUrlPattern"} {
		if _, ok := outs[k]; ok {
			t.Errorf("output %s exists without its format", k)
		}
	}
	outs = synth(t, optionsVariant, false).vodJSON["Outputs"].(map[string]any)
	if _, ok := outs["PlaybackUrlMp4"]; !ok {
		t.Error("PlaybackUrlMp4 missing with vod:formats including MP4")
	}
}

// TestViewerLogs: the standard logs (viewer IPs and URLs) go to a bucket of their own, no
// other log source writes there, it is encrypted with a customer-managed key CloudFront's log
// delivery may use, and it keeps them cdn.DefaultViewerLogDays (or *:viewerLogDays).
func TestViewerLogs(t *testing.T) {
	for name, c := range map[string]struct {
		overrides map[string]any
		days      float64
	}{"default": {nil, cdn.DefaultViewerLogDays}, "30 days": {optionsVariant, 30}} {
		s := synth(t, c.overrides, false)
		for stack, tmpl := range map[string]map[string]any{"VoD": s.vodJSON, "Live": s.liveJSON} {
			var logs string
			for _, d := range resources(tmpl, "AWS::CloudFront::Distribution") {
				logs = getAttTarget(d["Properties"].(map[string]any)["DistributionConfig"].(map[string]any)["Logging"].(map[string]any)["Bucket"])
			}
			b, ok := tmpl["Resources"].(map[string]any)[logs].(map[string]any)
			if !ok {
				t.Fatalf("%s %s: no logs bucket %q", name, stack, logs)
			}
			p := b["Properties"].(map[string]any)
			enc := string(plainJSON(p["BucketEncryption"]))
			rules := string(plainJSON(p["LifecycleConfiguration"]))
			if !strings.Contains(enc, `"SSEAlgorithm":"aws:kms"`) || !strings.Contains(rules, fmt.Sprintf(`"ExpirationInDays":%g`, c.days)) {
				t.Errorf("%s %s: logs bucket encryption %s, lifecycle %s; want KMS and %g days", name, stack, enc, rules, c.days)
			}
			for id, other := range resources(tmpl, "AWS::S3::Bucket") {
				if strings.Contains(string(plainJSON(other["Properties"].(map[string]any)["LoggingConfiguration"])), `"Ref":"`+logs+`"`) {
					t.Errorf("%s %s: %s writes its access logs into the viewer logs bucket", name, stack, id)
				}
			}
			keys := string(plainJSON(resources(tmpl, "AWS::KMS::Key")))
			if !strings.Contains(keys, `"Service":"delivery.logs.amazonaws.com"`) {
				t.Errorf("%s %s: no key lets CloudFront's log delivery write", name, stack)
			}
		}
	}
}

// getAttTarget is X of {"Fn::GetAtt": [X, ...]}.
func getAttTarget(v any) string {
	m, _ := v.(map[string]any)
	g, _ := m["Fn::GetAtt"].([]any)
	if len(g) == 0 {
		return ""
	}
	return g[0].(string)
}

// TestLiveCacheKey: the live cache key keeps exactly the query strings MediaPackage v2 reads
// (cdn.MediaPackageV2QueryStrings), start and end only with a startover window: a random ?m=
// or _HLS_skip neither splits the cache nor reaches the origin.
func TestLiveCacheKey(t *testing.T) {
	for name, c := range map[string]struct {
		overrides map[string]any
		timeShift bool
	}{"default": {nil, false}, "startover (optionsVariant)": {optionsVariant, true}} {
		for _, p := range resources(synth(t, c.overrides, false).liveJSON, "AWS::CloudFront::CachePolicy") {
			cfg := p["Properties"].(map[string]any)["CachePolicyConfig"].(map[string]any)["ParametersInCacheKeyAndForwardedToOrigin"].(map[string]any)
			got := plainJSON(cfg["QueryStringsConfig"].(map[string]any)["QueryStrings"])
			if want := plainJSON(cdn.MediaPackageV2QueryStrings(c.timeShift)); string(got) != string(want) {
				t.Errorf("%s: cache key query strings %s, want %s", name, got, want)
			}
			if cookies := strings.TrimSpace(string(plainJSON(cfg["CookiesConfig"]))); cookies != `{"CookieBehavior":"none"}` {
				t.Errorf("%s: cache key cookies %s, want none", name, cookies)
			}
		}
	}
}

// TestCdnIdentifierRotation: a pinned secret version (after put-secret-value) reaches CloudFront's
// origin header as a dynamic reference to that version, so the deploy that pins it updates the
// distribution while MediaPackage still accepts the previous value.
func TestCdnIdentifierRotation(t *testing.T) {
	const version = "0123456789abcdef0123456789abcdef"
	s := synth(t, map[string]any{"live:cdnIdentifierVersionId": version, "streamcdk:stacks": "live"}, false)
	d := string(plainJSON(resources(s.liveJSON, "AWS::CloudFront::Distribution")))
	if !strings.Contains(d, ":SecretString:MediaPackageV2CDNIdentifier::"+version+"}}") {
		t.Errorf("the CDN identifier header does not resolve version %s: %s", version, d)
	}
}

// TestCustomDomainURLs: with an alternate domain name, every URL the stack hands out (here the
// player link) starts with it, so the page opened there plays them under its
// Content-Security-Policy ('self' and the domain names).
func TestCustomDomainURLs(t *testing.T) {
	s := synth(t, optionsVariant, false)
	got := string(plainJSON(s.vodJSON["Outputs"].(map[string]any)["PlayerUrl"].(map[string]any)["Value"]))
	if !strings.HasPrefix(got, `"https://`+optionsVariant["vod:domainNames"].(string)) {
		t.Errorf("PlayerUrl %s, want it on %s", got, optionsVariant["vod:domainNames"])
	}
}

// TestLiveCustomDomain: the live distribution takes the same custom-domain settings as VoD.
func TestLiveCustomDomain(t *testing.T) {
	s := synth(t, optionsVariant, false) // live.example.com among the options
	hasProps(t, s.live, "AWS::CloudFront::Distribution", map[string]any{"DistributionConfig": assertions.Match_ObjectLike(&map[string]any{
		"Aliases": []any{"live.example.com"},
		"ViewerCertificate": assertions.Match_ObjectLike(&map[string]any{
			"AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555", "MinimumProtocolVersion": "TLSv1.2_2021"}),
	})})
}
