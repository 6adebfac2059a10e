package config

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"

	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/stacks"
)

var kmsKeyRe = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)

var stackNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{0,127}$`)

var namespaces = []string{"vod:", "streamcdk:"}

// Keys documents every context key StreamCDK reads. The README's configuration table lists the same.
var Keys = map[string]string{
	"streamcdk:vodStackName": "name of the VoD stack (default StreamCdkVod)",

	"vod:archiveClass":          "move sources to GLACIER or DEEP_ARCHIVE after vod:archiveAfterDays (default: no archiving)",
	"vod:archiveAfterDays":      "days after upload before archiving, bucket-wide or per source (1-3650, default 30)",
	"vod:noncurrentVersionDays": "days to keep overwritten or deleted source versions (1-3650, default 90)",
	"vod:uploadCorsOrigins":     "comma-separated origins allowed to upload from a browser (default none)",
	"vod:transferAcceleration":  "S3 Transfer Acceleration on the mezzanine bucket (default false)",

	"vod:sourcePrefix":      "only uploads under this key prefix start jobs (default: whole bucket)",
	"vod:trigger":           "VIDEO (each video upload starts a job) or METADATA (each .json metadata file does) (default VIDEO)",
	"vod:suffixes":          "comma-separated accepted source suffixes (default mpg,mp4,m4v,mov,m2ts,wmv,mxf,mkv,m3u8,mpeg,webm,h264)",
	"vod:codec":             "H_264 or H_265 (default H_264)",
	"vod:formats":           "comma-separated outputs: CMAF (HLS+DASH), HLS (TS), MP4, THUMBNAILS (default CMAF; HLS with vod:mediaPackage)",
	"vod:ladder":            "comma-separated rungs shortSide:maxKbps[:qvbrLevel], largest first (default: the README ladder)",
	"vod:segmentSeconds":    "HLS/DASH segment duration (1-30, default 6)",
	"vod:gopSeconds":        "keyframe interval, dividing the segment duration (default 2)",
	"vod:audioBitrate":      "AAC bit rate in b/s (64000-320000, default 128000)",
	"vod:thumbnailSeconds":  "seconds between thumbnails (1-3600, default 10)",
	"vod:acceleration":      "accelerated transcoding PREFERRED, ENABLED or DISABLED (default PREFERRED)",
	"vod:queue":             "existing MediaConvert queue name (default Default)",
	"vod:createQueue":       "create a dedicated on-demand MediaConvert queue for the pipeline (default false)",
	"vod:userMetadata":      "comma-separated key=value pairs added to every MediaConvert job (default none)",
	"vod:sourceKmsKeyArn":   "KMS key ARN to encrypt the mezzanine bucket with (default SSE-S3)",
	"vod:priority":          "job priority in the queue (-50 to 50, default 0)",
	"vod:notificationEmail": "email address subscribed to completion/failure notifications (default none)",

	"vod:mediaPackage": "package outputs with MediaPackage VOD (HLS, DASH, CMAF) behind the same CloudFront distribution (default false)",

	"vod:priceClass":           "CloudFront price class 100, 200 or All (default 100)",
	"vod:domainNames":          "comma-separated alternate domain names for CloudFront (needs vod:certificateArn)",
	"vod:certificateArn":       "ACM certificate ARN in us-east-1 covering vod:domainNames",
	"vod:webAclArn":            "ARN of a CLOUDFRONT-scope WAFv2 web ACL (default none)",
	"vod:geoAllow":             "comma-separated ISO country codes allowed to play (default: everywhere)",
	"vod:playbackCorsOrigins":  "comma-separated origins allowed to play from a browser (default *)",
	"vod:originShieldRegion":   "enable CloudFront Origin Shield in this region (default off)",
	"vod:signingPublicKeyFile": "PEM public key file; playback then needs CloudFront signed URLs or cookies (default public)",
}

// Load reads the configuration. given lists every context key that was set (for typo detection);
// it may be nil.
func Load(get Getter, given []string) (*stacks.AppProps, error) {
	if err := unknownKeys(given); err != nil {
		return nil, err
	}
	r := &reader{get: get}
	p := &stacks.AppProps{VodStackName: r.str("streamcdk:vodStackName")}
	if n := p.VodStackName; n != "" && !stackNameRe.MatchString(n) {
		r.fail("streamcdk:vodStackName", n, "use a CloudFormation stack name: a letter, then letters, digits and hyphens, at most 128 characters")
	}
	v := &p.Vod

	m := &v.Mezzanine
	m.ArchiveClass = mezzanine.ArchiveClass(r.oneOf("vod:archiveClass", string(mezzanine.ArchiveGlacier), string(mezzanine.ArchiveDeepArchive)))
	m.ArchiveAfterDays = r.integer("vod:archiveAfterDays", 1, 3650)
	m.NoncurrentVersionDays = r.integer("vod:noncurrentVersionDays", 1, 3650)
	m.CorsAllowedOrigins = r.list("vod:uploadCorsOrigins")
	for _, o := range m.CorsAllowedOrigins {
		r.check("vod:uploadCorsOrigins", o, mezzanine.CheckOrigin)
	}
	m.TransferAcceleration = r.boolean("vod:transferAcceleration")

	t := &v.Pipeline
	t.SourcePrefix = r.str("vod:sourcePrefix")
	t.Trigger = transcode.Trigger(r.oneOf("vod:trigger", string(transcode.TriggerVideo), string(transcode.TriggerMetadata)))
	t.Suffixes = r.list("vod:suffixes")
	e := &t.Encoding
	e.Codec = jobspec.Codec(r.oneOf("vod:codec", string(jobspec.H264), string(jobspec.H265)))
	for _, f := range r.list("vod:formats") {
		e.Formats = append(e.Formats, jobspec.Format(strings.ToUpper(f)))
	}
	if s, v, ok := r.raw("vod:ladder"); ok {
		ladder, err := parseLadder(s)
		if err != nil {
			r.fail("vod:ladder", v, err.Error())
		}
		e.Ladder = ladder
	}
	e.SegmentSeconds = r.integer("vod:segmentSeconds", 1, 30)
	e.GopSeconds = r.integer("vod:gopSeconds", 1, 30)
	e.AudioBitrate = r.integer("vod:audioBitrate", 64000, 320000)
	e.ThumbnailSeconds = r.integer("vod:thumbnailSeconds", 1, 3600)
	t.Acceleration = transcode.Acceleration(r.oneOf("vod:acceleration", string(transcode.AccelerationPreferred), string(transcode.AccelerationEnabled), string(transcode.AccelerationDisabled)))
	t.QueueName = r.str("vod:queue")
	t.CreateQueue = r.boolean("vod:createQueue")
	for _, kv := range r.list("vod:userMetadata") {
		k, val, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			r.fail("vod:userMetadata", kv, "use key=value pairs separated by commas, e.g. team=news,show=evening")
			break
		}
		if t.UserMetadata == nil {
			t.UserMetadata = map[string]string{}
		}
		t.UserMetadata[strings.TrimSpace(k)] = strings.TrimSpace(val)
	}
	if arn := r.str("vod:sourceKmsKeyArn"); arn != "" {
		if !kmsKeyRe.MatchString(arn) {
			r.fail("vod:sourceKmsKeyArn", arn, "use a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)")
		}
		v.SourceKmsKeyArn = arn
	}
	t.Priority = r.integer("vod:priority", -50, 50)
	t.NotificationEmail = r.str("vod:notificationEmail")

	v.MediaPackage = r.boolean("vod:mediaPackage")

	c := &v.Cdn
	switch r.oneOf("vod:priceClass", "100", "200", "All") {
	case "200":
		c.PriceClass = cf.PriceClass_PRICE_CLASS_200
	case "All":
		c.PriceClass = cf.PriceClass_PRICE_CLASS_ALL
	}
	c.DomainNames = r.list("vod:domainNames")
	if arn := r.str("vod:certificateArn"); arn != "" {
		if !strings.HasPrefix(arn, "arn:aws") || !strings.Contains(arn, ":acm:us-east-1:") || !strings.Contains(arn, ":certificate/") {
			r.fail("vod:certificateArn", arn, "use the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>)")
		} else {
			v.CertificateArn = arn
		}
	}
	c.WebAclArn = r.str("vod:webAclArn")
	c.GeoAllowList = r.list("vod:geoAllow")
	for i := range c.GeoAllowList {
		c.GeoAllowList[i] = strings.ToUpper(c.GeoAllowList[i])
	}
	c.CorsAllowedOrigins = r.list("vod:playbackCorsOrigins")
	c.OriginShieldRegion = r.str("vod:originShieldRegion")
	if f := r.str("vod:signingPublicKeyFile"); f != "" {
		pem, err := os.ReadFile(f)
		if err != nil {
			r.fail("vod:signingPublicKeyFile", f, "name a readable PEM public key file (relative to the project directory): "+err.Error())
		}
		c.SigningPublicKeyPem = strings.TrimSpace(string(pem))
	}
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// parseLadder reads "1080:7800,720:4500:7" (short side : max kb/s [: QVBR level]).
func parseLadder(s string) ([]jobspec.Rendition, error) {
	var out []jobspec.Rendition
	for _, rung := range strings.Split(s, ",") {
		f := strings.Split(strings.TrimSpace(rung), ":")
		if len(f) < 2 || len(f) > 3 {
			return nil, fmt.Errorf("rung %q is not shortSide:maxKbps[:qvbrLevel], e.g. 1080:7800,720:4500", rung)
		}
		n := make([]int, len(f))
		for i, x := range f {
			v, err := strconv.Atoi(x)
			if err != nil {
				return nil, fmt.Errorf("rung %q is not shortSide:maxKbps[:qvbrLevel], e.g. 1080:7800,720:4500", rung)
			}
			n[i] = v
		}
		r := jobspec.Rendition{ShortSide: n[0], MaxBitrate: n[1] * 1000}
		if len(n) == 3 {
			r.QvbrLevel = n[2]
		}
		out = append(out, r)
	}
	return out, nil
}
