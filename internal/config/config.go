package config

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"

	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"

	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/constructs/validate"
	"github.com/streamcdk/streamcdk/stacks"
)

// Keys documents every context key StreamCDK reads. The README's configuration table lists the same.
var Keys = map[string]string{
	"streamcdk:vodStackName": "name of the VoD stack (default StreamCdkVod)",
	"streamcdk:stacks":       "comma-separated stacks to build: vod, live (default both)",

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

	"vod:adDecisionServerUrl":    "turn on ad insertion (MediaTailor through CloudFront) with this https VAST/VMAP ad server URL, or demo for the stack's own demo VAST (default off)",
	"vod:captions":               "captions embedded in sources (CEA-608): auto (what Probe finds, CC1), off, or channels as CC<n>:<ISO 639-2 language>:<label>, e.g. CC1:eng:English,CC3:spa:Espanol (default auto); sidecar files come from metadata files",
	"vod:audio":                  "source audio tracks made audio renditions: all, first, or ISO 639-2 languages in order, e.g. eng,spa (default all)",
	"vod:adBreaks":               "comma-separated mid-roll positions in seconds, cued in the HLS (TS) manifests (needs HLS in vod:formats; default none)",
	"vod:cdnAdditionalMetrics":   "publish CloudFront's additional metrics (cache hit rate, origin latency) for the dashboard, billed as CloudWatch metrics (default true)",
	"vod:cdnIdentifierVersionId": "Secrets Manager version id of the CDN identifier CloudFront sends to MediaPackage, after put-secret-value (rotation; default: the version current at the first deploy)",
	"vod:mediaPackage":           "package outputs with MediaPackage VOD (HLS, DASH, CMAF) behind the same CloudFront distribution (default false)",
	"vod:drm":                    "encrypt the MediaPackage VOD CMAF HLS and DASH through a SPEKE v2 key provider (needs vod:mediaPackage; the renditions are then not served and HLS (TS) is left out): off, demo (a key server the stack deploys: Clear Key, for development and testing) or speke (your DRM vendor's, with vod:spekeUrl and vod:spekeRoleArn) (default off)",
	"vod:spekeUrl":               "https URL of the DRM vendor's SPEKE v2 API Gateway endpoint, in the stack's Region (with vod:drm=speke)",
	"vod:spekeRoleArn":           "ARN of the role the DRM vendor grants MediaPackage to call vod:spekeUrl (with vod:drm=speke)",
	"vod:drmSystems":             "comma-separated DRM systems the key provider serves: FAIRPLAY, WIDEVINE, PLAYREADY, IRDETO; CMAF HLS signals those of FairPlay, Widevine and PlayReady, DASH those of Widevine, PlayReady and Irdeto, at most 2 each (default FAIRPLAY,WIDEVINE for CMAF HLS, WIDEVINE,PLAYREADY for DASH)",
	"vod:drmAudioPreset":         "SPEKE v2 audio preset PRESET-AUDIO-1..3, SHARED or UNENCRYPTED (default PRESET-AUDIO-1)",
	"vod:drmVideoPreset":         "SPEKE v2 video preset PRESET-VIDEO-1..8, SHARED or UNENCRYPTED (default PRESET-VIDEO-1)",
	"vod:player":                 "serve the player page at /player/ and put a player link in every job's playback URLs (default true)",
	"vod:outputEncryption":       "S3_MANAGED or KMS (a customer-managed key the stack creates) for the renditions (default S3_MANAGED)",

	"vod:priceClass":             "CloudFront price class 100, 200 or All (default 100)",
	"vod:domainNames":            "comma-separated alternate domain names for CloudFront (needs vod:certificateArn)",
	"vod:certificateArn":         "ACM certificate ARN in us-east-1 covering vod:domainNames",
	"vod:webAclArn":              "ARN of a CLOUDFRONT-scope WAFv2 web ACL (default none)",
	"vod:geoAllow":               "comma-separated ISO country codes allowed to play (default: everywhere)",
	"vod:playbackCorsOrigins":    "comma-separated origins allowed to play from a browser (default *)",
	"vod:mediaTailorAccountHash": "the MediaTailorAccountHash output of the first deploy with ads: the ad routes then admit only this account's MediaTailor configurations (default none: by name only, synth warns)",
	"vod:viewerLogDays":          "days the CloudFront standard logs (viewer IPs, request URLs) are kept in their own KMS-encrypted bucket (1-3650, default 90)",
	"vod:playerStreamOrigins":    "comma-separated https origins besides the distribution whose streams the player page may play (default none)",
	"vod:originShieldRegion":     "enable CloudFront Origin Shield in this region (default off)",
	"vod:signingPublicKeyFile":   "PEM public key file; playback then needs CloudFront signed URLs or cookies (default public)",
}

// Config is the configuration read from CDK context.
type Config struct {
	// Props configures the stacks.
	Props *stacks.AppProps
	// bindings tie each key to the props fields it sets (see Explain).
	bindings []*binding
}

// Load reads the configuration. given lists every context key that was set (for typo detection);
// it may be nil. Errors name the key, the value and what to write instead; the constructs check
// the values further when the stacks are built, and Explain tells their errors in the same words.
func Load(get Getter, given []string) (*Config, error) {
	if err := unknownKeys(given); err != nil {
		return nil, err
	}
	for _, k := range given {
		if _, ours := Keys[k]; ours && get(k) == nil {
			return nil, fmt.Errorf("context %s is null; give a value, or remove the key for the default", k)
		}
	}
	entries, err := channelEntries(get)
	if err != nil {
		return nil, err
	}
	r := &reader{get: channelGetter(get, entries)}
	p := &stacks.AppProps{VodStackName: r.str("streamcdk:vodStackName", "VodStackName")}
	loadMezzanine(r, &p.Vod)
	loadPipeline(r, &p.Vod)
	loadCdn(r, "vod", "Vod", &p.Vod.CDN, &p.Vod.CertificateArn)
	p.LiveStackName = r.str("streamcdk:liveStackName", "LiveStackName")
	loadLive(r, &p.Live, entries)
	loadCdn(r, "live", "Live", &p.Live.CDN, &p.Live.CertificateArn)
	loadStacks(r, p, given)
	if r.err != nil {
		return nil, r.err
	}
	return &Config{Props: p, bindings: r.bindings}, nil
}

// loadStacks reads streamcdk:stacks; a setting for a stack left out is an error (it would do
// nothing).
func loadStacks(r *reader, p *stacks.AppProps, given []string) {
	list := r.list("streamcdk:stacks", "WithoutVod", "WithoutLive")
	if list == nil {
		return
	}
	want := map[string]bool{}
	for _, s := range list {
		s = strings.ToLower(s)
		if s != "vod" && s != "live" {
			r.fail("streamcdk:stacks", s, "use vod, live or vod,live")
			return
		}
		want[s] = true
	}
	p.WithoutVod, p.WithoutLive = !want["vod"], !want["live"]
	defaults := projectDefaults()
	for _, k := range given {
		if v, ok := defaults[k]; ok && reflect.DeepEqual(v, r.get(k)) {
			continue // cdk.json's own default, not a setting the user made
		}
		if ns, _, _ := strings.Cut(k, ":"); (ns == "vod" && p.WithoutVod) || (ns == "live" && p.WithoutLive) {
			r.fail("streamcdk:stacks", strings.Join(list, ","), fmt.Sprintf("it leaves out the %s stack, which %s configures; add %s to it, or remove %s", ns, k, ns, k))
			return
		}
	}
}

// projectDefaults is the context of the cdk.json in the working directory (the app runs in the
// project's root, as cdk synth starts it): the defaults it writes out are no setting of the
// user's. None when there is no cdk.json there.
func projectDefaults() map[string]any {
	b, err := os.ReadFile("cdk.json")
	if err != nil {
		return nil
	}
	var f struct {
		Context map[string]any `json:"context"`
	}
	if json.Unmarshal(b, &f) != nil {
		return nil
	}
	return f.Context
}

func loadMezzanine(r *reader, v *stacks.VodStackProps) {
	m := &v.Mezzanine
	m.ArchiveClass = enum(r, "vod:archiveClass", "Vod.Mezzanine.ArchiveClass", mezzanine.ArchiveClasses)
	m.ArchiveAfterDays = r.integer("vod:archiveAfterDays", "Vod.Mezzanine.ArchiveAfterDays", true)
	m.NoncurrentVersionDays = r.integer("vod:noncurrentVersionDays", "Vod.Mezzanine.NoncurrentVersionDays", true)
	m.CORSAllowedOrigins = r.list("vod:uploadCorsOrigins", "Vod.Mezzanine.CORSAllowedOrigins")
	m.TransferAcceleration = r.boolean("vod:transferAcceleration", "Vod.Mezzanine.TransferAcceleration")
	v.SourceKMSKeyArn = r.str("vod:sourceKmsKeyArn", "Vod.SourceKMSKeyArn", "Vod.Mezzanine.EncryptionKey", "Vod.Pipeline.SourceEncryptionKey")
}

func loadPipeline(r *reader, v *stacks.VodStackProps) {
	t := &v.Pipeline
	t.SourcePrefix = r.str("vod:sourcePrefix", "Vod.Pipeline.SourcePrefix")
	t.Trigger = enum(r, "vod:trigger", "Vod.Pipeline.Trigger", transcode.Triggers)
	for _, s := range r.list("vod:suffixes", "Vod.Pipeline.Suffixes") {
		t.Suffixes = append(t.Suffixes, strings.ToLower(s)) // matched in any case at run time
	}
	e := &t.Encoding
	e.Codec = enum(r, "vod:codec", "Vod.Pipeline.Encoding.Codec", jobspec.Codecs)
	e.Formats = enumList(r, "vod:formats", "Vod.Pipeline.Encoding.Formats", jobspec.Formats)
	ladder := r.bind("vod:ladder", "Vod.Pipeline.Encoding.Ladder")
	ladder.fields = append(ladder.fields, field{"Vod.Pipeline.Encoding.Ladder[].MaxBitrate", &validate.Scale{Divisor: 1000, Unit: "kb/s"}})
	ladder.label = "rung"
	if s, raw, ok := r.raw("vod:ladder", jsonArray, listWant); ok {
		rungs, items, err := parseLadder(s)
		if err != nil {
			r.fail("vod:ladder", raw, err.Error())
		}
		e.Ladder, ladder.items = rungs, items
	}
	e.SegmentSeconds = r.integer("vod:segmentSeconds", "Vod.Pipeline.Encoding.SegmentSeconds", true)
	e.GOPSeconds = r.integer("vod:gopSeconds", "Vod.Pipeline.Encoding.GOPSeconds", true)
	e.AudioBitrate = r.integer("vod:audioBitrate", "Vod.Pipeline.Encoding.AudioBitrate", true)
	e.ThumbnailSeconds = r.integer("vod:thumbnailSeconds", "Vod.Pipeline.Encoding.ThumbnailSeconds", true)
	t.Acceleration = enum(r, "vod:acceleration", "Vod.Pipeline.Acceleration", transcode.Accelerations)
	t.QueueName = r.str("vod:queue", "Vod.Pipeline.QueueName")
	t.CreateQueue = r.boolean("vod:createQueue", "Vod.Pipeline.CreateQueue")
	for _, kv := range r.list("vod:userMetadata", "Vod.Pipeline.UserMetadata") {
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
	t.Priority = r.integer("vod:priority", "Vod.Pipeline.Priority", false)
	t.NotificationEmail = r.str("vod:notificationEmail", "Vod.Pipeline.NotificationEmail")
	v.MediaPackage = r.boolean("vod:mediaPackage", "Vod.MediaPackage", "Vod.Pipeline.Packaging", "Vod.Packaging")
	loadVodDRM(r, v)
	v.CDNIdentifier.SecretVersionID = r.str("vod:cdnIdentifierVersionId", "Vod.CDNIdentifier.SecretVersionID")
	v.OutputEncryption = enum(r, "vod:outputEncryption", "Vod.OutputEncryption", transcode.OutputEncryptions)
	v.WithoutPlayer = r.off("vod:player", "Vod.WithoutPlayer")
	v.Ads.AdDecisionServerURL = r.str("vod:adDecisionServerUrl", "Vod.Ads.AdDecisionServerURL", "Vod.CDN.AdInsertion")
	loadTracks(r, e)
	breaks := r.bind("vod:adBreaks", "Vod.Pipeline.Encoding.AdBreaks")
	breaks.fields = append(breaks.fields, field{"Vod.Pipeline.Encoding.AdBreaks[]", nil})
	breaks.label = "position"
	for _, b := range r.list("vod:adBreaks") {
		n, err := strconv.Atoi(b)
		if err != nil {
			r.fail("vod:adBreaks", b, "use whole seconds from the start, e.g. 60,300,900")
			break
		}
		e.AdBreaks = append(e.AdBreaks, n)
		breaks.items = append(breaks.items, b)
	}
}

// loadTracks reads vod:captions and vod:audio, in the forms a metadata file's encoding takes.
func loadTracks(r *reader, e *jobspec.Spec) {
	e.Captions = jobspec.Captions(listItems(r, "vod:captions", "Vod.Pipeline.Encoding.Captions", "channel"))
	e.Audio = jobspec.AudioTracks(listItems(r, "vod:audio", "Vod.Pipeline.Encoding.Audio", "language"))
}

// listItems reads a list key whose field takes the items joined by commas; errors about item i
// of the field name the item as written.
func listItems(r *reader, key, path, label string) string {
	b := r.bind(key, path)
	b.fields = append(b.fields, field{path + "[]", nil})
	b.label = label
	b.items = r.list(key)
	return strings.Join(b.items, ",")
}

// priceClasses are vod:priceClass's values (matched in any case).
var priceClasses = map[string]cf.PriceClass{"100": cf.PriceClass_PRICE_CLASS_100, "200": cf.PriceClass_PRICE_CLASS_200, "all": cf.PriceClass_PRICE_CLASS_ALL}

// loadCdn reads a stack's distribution settings (ns is "vod" or "live", stack the props path
// "Vod" or "Live"): one implementation for both stacks.
func loadCdn(r *reader, ns, stack string, c *cdn.Options, certificateArn *string) {
	key := func(k string) string { return ns + ":" + k }
	path := func(f string) string { return stack + ".CDN." + f }
	if s := r.str(key("priceClass"), path("PriceClass")); s != "" {
		if pc, ok := priceClasses[strings.ToLower(s)]; ok {
			c.PriceClass = pc
		} else {
			r.fail(key("priceClass"), s, "use one of 100, 200, All")
		}
	}
	for _, d := range r.list(key("domainNames"), path("DomainNames")) {
		c.DomainNames = append(c.DomainNames, strings.ToLower(d)) // DNS names are case-insensitive
	}
	*certificateArn = r.str(key("certificateArn"), stack+".CertificateArn", path("Certificate"))
	c.WebAclArn = r.str(key("webAclArn"), path("WebAclArn"))
	for _, g := range r.list(key("geoAllow"), path("GeoAllowList")) {
		c.GeoAllowList = append(c.GeoAllowList, strings.ToUpper(g))
	}
	c.CORSAllowedOrigins = r.list(key("playbackCorsOrigins"), path("CORSAllowedOrigins"))
	c.PlayerStreamOrigins = r.list(key("playerStreamOrigins"), path("PlayerStreamOrigins"))
	c.MediaTailorAccountHash = r.str(key("mediaTailorAccountHash"), path("MediaTailorAccountHash"))
	c.ViewerLogDays = r.integer(key("viewerLogDays"), path("ViewerLogDays"), true)
	c.OriginShieldRegion = r.str(key("originShieldRegion"), path("OriginShieldRegion"))
	c.WithoutAdditionalMetrics = r.off(key("cdnAdditionalMetrics"), path("WithoutAdditionalMetrics"))
	if f := r.str(key("signingPublicKeyFile"), path("SigningPublicKeyPem")); f != "" {
		pem, err := os.ReadFile(f)
		if err != nil {
			r.fail(key("signingPublicKeyFile"), f, "name a readable PEM public key file (relative to the project directory): "+err.Error())
		}
		c.SigningPublicKeyPem = strings.TrimSpace(string(pem))
	}
}

// parseLadder reads "1080:7800,720:4500:7" (short side : max kb/s [: QVBR level]) and returns
// the rungs and each rung as written.
func parseLadder(s string) ([]jobspec.Rendition, []string, error) {
	var out []jobspec.Rendition
	var items []string
	for _, rung := range strings.Split(s, ",") {
		if rung = strings.TrimSpace(rung); rung == "" {
			continue // "1080:7800," as lists elsewhere
		}
		f := strings.Split(rung, ":")
		n := make([]int, len(f))
		var err error
		for i, x := range f {
			if n[i], err = strconv.Atoi(strings.TrimSpace(x)); err != nil {
				break
			}
		}
		if len(f) < 2 || len(f) > 3 || err != nil {
			return nil, nil, fmt.Errorf("rung %q is not shortSide:maxKbps[:qvbrLevel] in whole numbers, e.g. 1080:7800,720:4500", rung)
		}
		r := jobspec.Rendition{ShortSide: n[0], MaxBitrate: n[1] * 1000}
		if len(n) == 3 {
			r.QVBRLevel = n[2]
			if r.QVBRLevel == 0 {
				return nil, nil, fmt.Errorf("rung %q has QVBR level 0; use 1 to 10, or leave it out for the default (7)", rung)
			}
		}
		out = append(out, r)
		items = append(items, rung)
	}
	return out, items, nil
}
