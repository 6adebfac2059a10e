package test

import (
	"strings"
	"testing"
)

// TestBadConfiguration: every bad value stops synth with one line naming the setting, the value
// and what is allowed; none reaches a template.
func TestBadConfiguration(t *testing.T) {
	cases := []struct {
		ctx  map[string]any
		want string
	}{
		{map[string]any{"vod:codec": "H264"}, `context vod:codec: "H264" is not allowed; use one of H_264, H_265`},
		{map[string]any{"vod:formats": "CMAF,WEBM"}, `transcode: Encoding.Formats[1] "WEBM" is not allowed`},
		{map[string]any{"vod:codec": "H_265", "vod:formats": "HLS"}, `HEVC in HLS needs fragmented MP4`},
		{map[string]any{"vod:ladder": "1080:abc"}, `context vod:ladder: "1080:abc" is not allowed; rung "1080:abc" is not shortSide:maxKbps`},
		{map[string]any{"vod:ladder": "720:4500,1080:7800"}, `transcode: Encoding.Ladder[1] (1080p, 7800000 b/s) is not below Ladder[0]`},
		{map[string]any{"vod:ladder": "4320:40000"}, `transcode: Encoding.Ladder[0].ShortSide 4320 is not allowed`},
		{map[string]any{"vod:segmentSeconds": "5"}, `transcode: Encoding.GopSeconds 2 is not allowed; use a whole number of seconds that divides SegmentSeconds (5)`},
		{map[string]any{"vod:priority": "99"}, `context vod:priority: "99" is not allowed; use a whole number from -50 to 50`},
		{map[string]any{"vod:trigger": "S3"}, `context vod:trigger: "S3" is not allowed; use one of VIDEO, METADATA`},
		{map[string]any{"vod:suffixes": "mp4,.mov"}, `transcode: Suffixes[1] ".mov" is not allowed`},
		{map[string]any{"vod:sourcePrefix": "/uploads"}, `transcode: SourcePrefix "/uploads" is not allowed`},
		{map[string]any{"vod:queue": "my queue"}, `transcode: QueueName "my queue" is not allowed`},
		{map[string]any{"vod:notificationEmail": "ops at example"}, `transcode: NotificationEmail "ops at example" is not an email address`},
		{map[string]any{"vod:mediaPackage": "true", "vod:formats": "CMAF"}, `transcode: Packaging needs "HLS" in Encoding.Formats`},
		{map[string]any{"vod:mediaPackage": "yes"}, `context vod:mediaPackage: "yes" is not allowed; use true or false`},
		{map[string]any{"vod:priceClass": "300"}, `context vod:priceClass: "300" is not allowed; use one of 100, 200, All`},
		{map[string]any{"vod:domainNames": "video.example.com"}, `cdn: DomainNames [video.example.com] and Certificate go together`},
		{map[string]any{"vod:certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/x"}, `context vod:certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" is not allowed; use the ARN of an ACM certificate in us-east-1`},
		{map[string]any{"vod:webAclArn": "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1"}, `cdn: WebAclArn "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1" is not the ARN of a CloudFront-scope WAFv2 web ACL`},
		{map[string]any{"vod:geoAllow": "USA"}, `cdn: GeoAllowList[0] "USA" is not an ISO 3166-1 alpha-2 country code`},
		{map[string]any{"vod:playbackCorsOrigins": "player.example.com"}, `cdn: CorsAllowedOrigins[0] "player.example.com" is not an origin`},
		{map[string]any{"vod:originShieldRegion": "Virginia"}, `cdn: OriginShieldRegion "Virginia" is not an AWS region`},
		{map[string]any{"vod:archiveClass": "COLD"}, `context vod:archiveClass: "COLD" is not allowed; use one of GLACIER, DEEP_ARCHIVE`},
		{map[string]any{"vod:createQueue": "true", "vod:queue": "Premium"}, `transcode: QueueName "Premium" and CreateQueue go against each other`},
		{map[string]any{"vod:userMetadata": "team"}, `context vod:userMetadata: "team" is not allowed; use key=value pairs`},
		{map[string]any{"vod:sourceKmsKeyArn": "alias/media"}, `context vod:sourceKmsKeyArn: "alias/media" is not allowed; use a KMS key ARN`},
		{map[string]any{"vod:signingPublicKeyFile": "testdata/missing.pem"}, `context vod:signingPublicKeyFile: "testdata/missing.pem" is not allowed; name a readable PEM public key file`},
		{map[string]any{"vod:signingPublicKeyFile": "testdata/vod.json"}, `cdn: SigningPublicKeyPem is not a PEM public key`},
		{map[string]any{"vod:codc": "H_265"}, `context vod:codc is not a StreamCDK setting`},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			_, err := build(t, c.ctx, false, t.TempDir())
			if err == nil {
				t.Fatalf("%v synthesized; want error %q", c.ctx, c.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") {
				t.Errorf("error %q, want one line containing %q", msg, c.want)
			}
		})
	}
}
