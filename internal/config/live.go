package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/validate"
	"github.com/streamcdk/streamcdk/stacks"
)

// liveKeys documents the live: keys (merged into Keys).
var liveKeys = map[string]string{
	"streamcdk:liveStackName": "name of the live stack (default StreamCdkLive)",

	"live:channels":                          "several channels: a JSON array of objects, each setting what the live: keys set for one channel (default: one channel)",
	"live:channelName":                       "name of the channel: MediaLive channel and input, MediaPackage channel, playback paths (default main)",
	"live:inputType":                         "URL_PULL, RTMP_PUSH, RTP_PUSH, SRT_CALLER or MEDIACONNECT (default URL_PULL from two public test streams)",
	"live:channelClass":                      "STANDARD (two pipelines, two feeds) or SINGLE_PIPELINE (one feed, half the cost) (default STANDARD)",
	"live:sources":                           "comma-separated: URLs to pull (URL_PULL) or host:port listeners (SRT_CALLER), one per pipeline (default: the test streams)",
	"live:pullUsername":                      "user name for authenticated pulls (with live:pullPasswordParameter)",
	"live:pullPasswordParameter":             "name of the SSM SecureString parameter holding the pull password (never the password itself)",
	"live:srtStreamId":                       "stream id sent to the SRT listeners (default none)",
	"live:srtPassphraseSecretArn":            "complete ARN of the Secrets Manager secret holding the SRT passphrase that encrypts the feed (default none: unencrypted, synth warns)",
	"live:allowUnencryptedSrt":               "allow an SRT caller input without live:srtPassphraseSecretArn (the feed crosses the network in the clear; synth warns) (default false)",
	"live:srtAlgorithm":                      "SRT decryption AES128, AES192 or AES256 (default AES256, with live:srtPassphraseSecretArn)",
	"live:flowArns":                          "comma-separated MediaConnect flow ARNs, one per pipeline (MEDIACONNECT)",
	"live:inputCidrs":                        "comma-separated IPv4 CIDRs allowed to push (RTMP_PUSH, RTP_PUSH; required for them)",
	"live:allowOpenInput":                    "allow CIDRs wider than /16 such as 0.0.0.0/0 in live:inputCidrs (default false)",
	"live:preset":                            "ladder preset HD1080, HD720 or SD540 (default HD1080)",
	"live:codec":                             "H_264 or H_265 (default H_264)",
	"live:ladder":                            "comma-separated rungs WIDTHxHEIGHT:maxKbps[:qvbrLevel], largest first (default: the preset)",
	"live:frameRate":                         "output frame rate 25, 29.97, 30, 50, 59.94 or 60 (default 30)",
	"live:gopSeconds":                        "closed-GOP keyframe interval, dividing live:segmentSeconds (default 2)",
	"live:segmentSeconds":                    "segment duration, 1-30 (default 6)",
	"live:audioBitrate":                      "AAC bit rate in b/s: 64000 to 320000 (default 128000)",
	"live:captions":                          "608 captions in the feed carried as caption tracks (WebVTT in HLS, TTML in DASH): channels as CC<n>:<ISO 639-2 language>:<label>, e.g. CC1:eng:English,CC3:spa:Espanol, or off (default CC1:eng:English)",
	"live:audioLanguages":                    "ISO 639-2 languages of the feed's audio tracks, each an AAC rendition, the first the default, e.g. eng,spa (default: one rendition of the feed's first audio)",
	"live:audioPids":                         "transport-stream PIDs of live:audioLanguages' tracks, one per language in order (default: by the tracks' language descriptors)",
	"live:region":                            "the Region the live stack deploys to (needed with live:secondaryRegion; default: the CLI's)",
	"live:secondaryRegion":                   "a second Region with the same channels (a second stack, deployed first) that the distribution fails over to, per AWS's cross-Region failover for MediaPackage v2 (needs live:region, a feed MediaLive can epoch-lock: no HLS pull; default none)",
	"live:drm":                               "encrypt every channel's endpoints through a SPEKE v2 key provider: off, demo (a key server the stack deploys: Clear Key, for development and testing) or speke (your DRM vendor's, with live:spekeUrl and live:spekeRoleArn) (default off)",
	"live:spekeUrl":                          "https URL of the DRM vendor's SPEKE v2 API Gateway endpoint, in the stack's Region (with live:drm=speke)",
	"live:spekeRoleArn":                      "ARN of the role the DRM vendor grants MediaPackage to call live:spekeUrl (with live:drm=speke)",
	"live:drmSystems":                        "comma-separated DRM systems the key provider serves: FAIRPLAY, WIDEVINE, PLAYREADY, IRDETO, CLEAR_KEY_AES_128; each endpoint signals those its container takes (default FAIRPLAY,WIDEVINE,PLAYREADY)",
	"live:keyRotationSeconds":                "rotate content keys every N seconds, 300-31536000 (default off)",
	"live:drmAudioPreset":                    "SPEKE v2 audio preset PRESET_AUDIO_1..3, SHARED or UNENCRYPTED (default PRESET_AUDIO_1)",
	"live:drmVideoPreset":                    "SPEKE v2 video preset PRESET_VIDEO_1..8, SHARED or UNENCRYPTED (default PRESET_VIDEO_1)",
	"live:inputCodec":                        "input specification codec AVC, HEVC or MPEG2 (default AVC)",
	"live:inputMaximumBitrate":               "input specification MAX_10_MBPS, MAX_20_MBPS or MAX_50_MBPS (default MAX_20_MBPS)",
	"live:inputResolution":                   "input specification SD, HD or UHD of the feed (default HD; UHD when the ladder is taller than 1080 lines)",
	"live:manifestWindowSeconds":             "seconds a live manifest lists, 3 segments to 900 (default 60)",
	"live:startoverWindowSeconds":            "start-over / time-shift window, 60-1209600 seconds (default off)",
	"live:lowLatencyHls":                     "add a low-latency HLS endpoint (default false)",
	"live:cdnIdentifierVersionId":            "Secrets Manager version id of the CDN identifier CloudFront sends to MediaPackage, after put-secret-value (rotation; default: the version current at the first deploy)",
	"live:originAuth":                        "how MediaPackage admits CloudFront: CDN_IDENTIFIER (header), OAC (SigV4, limited to the distribution) or BOTH (default CDN_IDENTIFIER)",
	"live:autoStart":                         "start the channel after deploy and stop it before delete (CDK AwsCustomResource; default false)",
	"live:adDecisionServerUrl":               "turn on ad insertion (MediaTailor through CloudFront) with this https VAST/VMAP ad server URL; MediaTailor fills [session.id] and the like (default off)",
	"live:adSlateUrl":                        "https URL of an MP4 played where ads do not fill a break (default none: the content shows)",
	"live:adPersonalizationThresholdSeconds": "unfilled seconds of a break MediaTailor accepts before it drops the ads and the content shows, 1-3600 (default none)",
	"live:availSuppression":                  "OFF, BEHIND_LIVE_EDGE or AFTER_LIVE_EDGE: breaks a viewer joining mid-stream gets no ads in (default OFF)",
	"live:availSuppressionSeconds":           "distance from the live edge live:availSuppression counts from, 0-86399 (default 0)",
	"live:availSuppressionFillPolicy":        "FULL_AVAIL_ONLY or PARTIAL_AVAIL (fill the rest of a break under way; AFTER_LIVE_EDGE) (default FULL_AVAIL_ONLY)",
	"live:adBreakEveryMinutes":               "insert a SCTE-35 ad break every N minutes, 1-1440 (EventBridge Scheduler calling MediaLive; default off)",
	"live:adBreakSeconds":                    "duration of each scheduled break, 5-600 seconds (default 30)",
	"live:costNoticeHourUtc":                 "hour (1-24 UTC) of the daily notice of running MediaLive channels on the alarm topic (default 8)",
	"live:notificationEmail":                 "email address subscribed to the live stack's alarms (default none)",
	"live:cdnAdditionalMetrics":              "publish CloudFront's additional metrics (cache hit rate, origin latency) for the dashboard, billed as CloudWatch metrics (default true)",
	"live:player":                            "serve the player page at /player/ with a PlayerUrl output per channel (default true)",
	"live:priceClass":                        "CloudFront price class 100, 200 or All (default 100)",
	"live:domainNames":                       "comma-separated alternate domain names for CloudFront (needs live:certificateArn)",
	"live:certificateArn":                    "ACM certificate ARN in us-east-1 covering live:domainNames",
	"live:webAclArn":                         "ARN of a CLOUDFRONT-scope WAFv2 web ACL (default none)",
	"live:geoAllow":                          "comma-separated ISO country codes allowed to play (default: everywhere)",
	"live:playbackCorsOrigins":               "comma-separated origins allowed to play from a browser (default *)",
	"live:mediaTailorAccountHash":            "the MediaTailorAccountHash output of the first deploy with ads: the ad routes then admit only this account's MediaTailor configurations (default none: by name only, synth warns)",
	"live:viewerLogDays":                     "days the CloudFront standard logs (viewer IPs, request URLs) are kept in their own KMS-encrypted bucket (1-3650, default 90)",
	"live:playerStreamOrigins":               "comma-separated https origins besides the distribution whose streams the player page may play (default none)",
	"live:originShieldRegion":                "enable CloudFront Origin Shield in this region (default off)",
	"live:signingPublicKeyFile":              "PEM public key file; playback then needs CloudFront signed URLs or cookies (default public)",
}

func init() {
	for k, v := range liveKeys {
		Keys[k] = v
	}
}

// refusedKeys are settings StreamCDK will not take, with what to do instead.
var refusedKeys = map[string]string{
	"live:pullPassword": "passwords never go in configuration (they would sit in cdk.json and the template); store it as an SSM SecureString parameter and set live:pullPasswordParameter to its name",
}

// channelKeys are the live: keys an entry of live:channels may set (named without "live:");
// an entry's setting overrides the live: key, which is the default for every channel.
var channelKeys = []string{"channelName", "inputType", "channelClass", "sources", "pullUsername", "pullPasswordParameter",
	"srtStreamId", "srtPassphraseSecretArn", "srtAlgorithm", "allowUnencryptedSrt", "flowArns", "inputCidrs", "allowOpenInput", "preset", "codec", "ladder", "frameRate", "gopSeconds",
	"segmentSeconds", "audioBitrate", "captions", "audioLanguages", "audioPids", "inputCodec", "inputMaximumBitrate", "inputResolution", "manifestWindowSeconds",
	"startoverWindowSeconds", "lowLatencyHls", "autoStart", "adDecisionServerUrl", "adSlateUrl",
	"adPersonalizationThresholdSeconds", "availSuppression", "availSuppressionSeconds", "availSuppressionFillPolicy",
	"adBreakEveryMinutes", "adBreakSeconds"}

var channelKeyRe = regexp.MustCompile(`^live:channels\[(\d+)\]\.(\w+)$`)

// jsonWhere says where a JSON syntax error is: its position and the text there.
func jsonWhere(s string, err error) string {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return " (" + err.Error() + ")"
	}
	at := int(se.Offset) - 1
	at = max(0, min(at, len(s)))
	end := min(len(s), at+12)
	return fmt.Sprintf(" (%s at character %d, near %q)", se.Error(), at+1, s[at:end])
}

// quotingHint recognizes JSON whose double quotes the shell removed ([{channelName: news}]).
func quotingHint(s string) string {
	if strings.ContainsAny(s, "{:") && !strings.Contains(s, `"`) {
		return `; the shell removed its double quotes: wrap the whole value in single quotes, -c 'live:channels=[{"channelName": "news"}]' (through make: ARGS="-c 'live:channels=[...]'")`
	}
	return ""
}

// channelEntries reads live:channels: a JSON array of objects (in cdk.json, or as a JSON string
// with -c), each with its channel's settings.
func channelEntries(get Getter) ([]map[string]any, error) {
	v := get("live:channels")
	if v == nil {
		return nil, nil
	}
	shown := v
	if s, ok := v.(string); ok {
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return nil, fmt.Errorf("context live:channels: %q is not JSON%s; use a JSON array of objects, e.g. [{\"channelName\": \"news\"}, {\"channelName\": \"sports\", \"preset\": \"HD720\"}]%s", s, jsonWhere(s, err), quotingHint(s))
		}
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Errorf("context live:channels: %s is not allowed; use a non-empty JSON array of objects, one per channel", quote(shown))
	}
	var out []map[string]any
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("context live:channels[%d]: %s is not allowed; each channel is an object such as {\"channelName\": \"news\"}", i, quote(e))
		}
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if !slices.Contains(channelKeys, k) {
				msg := fmt.Sprintf("context live:channels[%d].%s is not a channel setting", i, k)
				best, d := "", 1<<30
				for _, c := range channelKeys {
					if dd := distance(strings.ToLower(k), strings.ToLower(c)); dd < d {
						best, d = c, dd
					}
				}
				if d <= max(2, len(k)/4) {
					msg += fmt.Sprintf("; did you mean %s?", best)
				} else {
					msg += "; a channel takes " + strings.Join(channelKeys, ", ")
				}
				return nil, errors.New(msg)
			}
			if m[k] == nil {
				return nil, fmt.Errorf("context live:channels[%d].%s is null; give a value, or remove the key for the stack-wide live:%s", i, k, k)
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// channelGetter resolves live:channels[N].key to the entry's setting.
func channelGetter(get Getter, entries []map[string]any) Getter {
	return func(k string) any {
		if m := channelKeyRe.FindStringSubmatch(k); m != nil {
			i, _ := strconv.Atoi(m[1])
			if i < len(entries) {
				return entries[i][m[2]]
			}
			return nil
		}
		return get(k)
	}
}

// loadLive reads the live channels: one per live:channels entry, or one from the live: keys.
func loadLive(r *reader, l *stacks.LiveStackProps, entries []map[string]any) {
	r.bind("live:channels", "Live.Channels")
	l.OriginAuth = enum(r, "live:originAuth", "Live.OriginAuth", packaging.OriginAuths)
	l.CDNIdentifier.SecretVersionID = r.str("live:cdnIdentifierVersionId", "Live.CDNIdentifier.SecretVersionID")
	l.WithoutPlayer = r.off("live:player", "Live.WithoutPlayer")
	l.NotificationEmail = r.str("live:notificationEmail", "Live.NotificationEmail")
	l.CostNoticeHourUTC = r.integer("live:costNoticeHourUtc", "Live.CostNoticeHourUTC", true)
	if len(entries) == 0 {
		entries = []map[string]any{nil}
	}
	for i, e := range entries {
		l.Channels = append(l.Channels, loadChannel(r, i, e))
	}
	drm := loadLiveDRM(r)
	for i := range l.Channels {
		l.Channels[i].Packaging.DRM = drm
	}
	l.DemoKeyServer = strings.EqualFold(r.str("live:drm", "Live.DemoKeyServer"), "demo")
	l.KeyProviderRoleArn = keyProviderRoleArn(r, "live", drm.On(), "Live.KeyProviderRoleArn")
	if region := r.str("live:region", "Live.StackProps.Env.Region"); region != "" {
		l.StackProps.Env = &awscdk.Environment{Region: jsii.String(region)}
	}
	l.SecondaryRegion = r.str("live:secondaryRegion", "Live.SecondaryRegion")
}

// DRMModes are live:drm's and vod:drm's values.
var DRMModes = []string{"off", "demo", "speke"}

// drmURL reads <stack>:drm and <stack>:spekeUrl (bound to path), checking that they agree, and
// returns the key provider's URL (none with off or demo).
func drmURL(r *reader, stack, path string) string {
	mode := strings.ToLower(r.str(stack + ":drm"))
	url := r.str(stack+":spekeUrl", path)
	switch {
	case mode != "" && !slices.Contains(DRMModes, mode):
		r.fail(stack+":drm", mode, fmt.Sprintf("use off, demo (the stack's own key server, for development and testing) or speke (your DRM vendor's key provider, with %s:spekeUrl and %s:spekeRoleArn)", stack, stack))
	case mode == "speke" && url == "":
		r.fail(stack+":drm", mode, fmt.Sprintf("give %s:spekeUrl too: the https URL of your DRM vendor's SPEKE v2 endpoint", stack))
	case mode != "speke" && url != "":
		r.fail(stack+":spekeUrl", url, fmt.Sprintf("needs %s:drm=speke (%s:drm=demo uses the stack's own key server)", stack, stack))
	}
	return url
}

// keyProviderRoleArn reads <stack>:spekeRoleArn, which a key provider of the user's needs.
func keyProviderRoleArn(r *reader, stack string, on bool, path string) string {
	arn := r.str(stack+":spekeRoleArn", path)
	if on && arn == "" {
		r.fail(stack+":drm", "speke", fmt.Sprintf("give %s:spekeRoleArn too: the role your DRM vendor grants MediaPackage to call %s:spekeUrl", stack, stack))
	}
	return arn
}

// loadLiveDRM reads the stack-wide DRM settings every channel takes.
func loadLiveDRM(r *reader) packaging.DRMOptions {
	var d packaging.DRMOptions
	d.KeyProviderURL = drmURL(r, "live", "Live.Channels[].Packaging.DRM.KeyProviderURL")
	for _, s := range enumList(r, "live:drmSystems", "Live.Channels[].Packaging.DRM.Systems", packaging.DRMSystems) {
		d.Systems = append(d.Systems, s)
	}
	d.KeyRotationSeconds = r.integer("live:keyRotationSeconds", "Live.Channels[].Packaging.DRM.KeyRotationSeconds", true)
	d.AudioPreset = enum(r, "live:drmAudioPreset", "Live.Channels[].Packaging.DRM.AudioPreset", packaging.AudioPresets)
	d.VideoPreset = enum(r, "live:drmVideoPreset", "Live.Channels[].Packaging.DRM.VideoPreset", packaging.VideoPresets)
	return d
}

func loadChannel(r *reader, i int, entry map[string]any) stacks.LiveChannelConfig {
	// A setting is named where it was written: the channel's entry, else the live: key (the
	// default for every channel); unset in both, the entry's name says which channel needs it.
	key := func(short string) string {
		if _, ok := entry[short]; ok || (entry != nil && r.get("live:"+short) == nil) {
			return fmt.Sprintf("live:channels[%d].%s", i, short)
		}
		return "live:" + short
	}
	at := fmt.Sprintf("Live.Channels[%d].", i)
	ch := stacks.LiveChannelConfig{}
	ch.Name = r.str(key("channelName"), at+"Name", at+"Ingest.Name", at+"Packaging.Name")
	in := &ch.Ingest
	in.InputType = enum(r, key("inputType"), at+"Ingest.InputType", liveingest.InputTypes)
	in.Class = enum(r, key("channelClass"), at+"Ingest.Class", liveingest.ChannelClasses)
	in.Sources = r.list(key("sources"), at+"Ingest.Sources")
	in.PullUsername = r.str(key("pullUsername"), at+"Ingest.PullUsername")
	in.PullPasswordParameter = r.str(key("pullPasswordParameter"), at+"Ingest.PullPasswordParameter")
	in.SRTStreamID = r.str(key("srtStreamId"), at+"Ingest.SRTStreamID")
	ch.SRTPassphraseSecretArn = r.str(key("srtPassphraseSecretArn"), at+"SRTPassphraseSecretArn", at+"Ingest.SRTPassphrase")
	in.SRTAlgorithm = strings.ToUpper(r.str(key("srtAlgorithm"), at+"Ingest.SRTAlgorithm"))
	in.AllowUnencryptedSRT = r.boolean(key("allowUnencryptedSrt"), at+"Ingest.AllowUnencryptedSRT")
	in.FlowArns = r.list(key("flowArns"), at+"Ingest.FlowArns")
	in.InputCIDRs = r.list(key("inputCidrs"), at+"Ingest.InputCIDRs")
	in.AllowOpenInput = r.boolean(key("allowOpenInput"), at+"Ingest.AllowOpenInput")
	e := &in.Encoding
	e.Preset = enum(r, key("preset"), at+"Ingest.Encoding.Preset", encoder.Presets)
	e.Codec = enum(r, key("codec"), at+"Ingest.Encoding.Codec", encoder.Codecs)
	ladder := r.bind(key("ladder"), at+"Ingest.Encoding.Ladder")
	ladder.fields = append(ladder.fields, field{at + "Ingest.Encoding.Ladder[].MaxBitrate", &validate.Scale{Divisor: 1000, Unit: "kb/s"}})
	ladder.label = "rung"
	if s, raw, ok := r.raw(key("ladder"), jsonArray, listWant); ok {
		rungs, items, err := parseLiveLadder(s)
		if err != nil {
			r.fail(key("ladder"), raw, err.Error())
		}
		e.Ladder, ladder.items = rungs, items
	}
	e.FrameRate = r.str(key("frameRate"), at+"Ingest.Encoding.FrameRate")
	e.GOPSeconds = r.integer(key("gopSeconds"), at+"Ingest.Encoding.GOPSeconds", true)
	e.SegmentSeconds = r.integer(key("segmentSeconds"), at+"Ingest.Encoding.SegmentSeconds", true)
	r.bind(key("segmentSeconds"), at+"Packaging.SegmentSeconds")
	e.AudioBitrate = r.integer(key("audioBitrate"), at+"Ingest.Encoding.AudioBitrate", true)
	loadLiveTracks(r, key, at+"Ingest.Encoding.", e)
	e.InputCodec = strings.ToUpper(r.str(key("inputCodec"), at+"Ingest.Encoding.InputCodec"))
	e.InputMaximumBitrate = strings.ToUpper(r.str(key("inputMaximumBitrate"), at+"Ingest.Encoding.InputMaximumBitrate"))
	e.InputResolution = strings.ToUpper(r.str(key("inputResolution"), at+"Ingest.Encoding.InputResolution"))
	p := &ch.Packaging
	p.ManifestWindowSeconds = r.integer(key("manifestWindowSeconds"), at+"Packaging.ManifestWindowSeconds", true)
	p.StartoverWindowSeconds = r.integer(key("startoverWindowSeconds"), at+"Packaging.StartoverWindowSeconds", false)
	p.LowLatencyHLS = r.boolean(key("lowLatencyHls"), at+"Packaging.LowLatencyHLS")
	in.AutoStart = r.boolean(key("autoStart"), at+"Ingest.AutoStart")
	in.BreakEveryMinutes = r.integer(key("adBreakEveryMinutes"), at+"Ingest.BreakEveryMinutes", true)
	in.BreakSeconds = r.integer(key("adBreakSeconds"), at+"Ingest.BreakSeconds", true)
	a := &ch.Ads
	if a.AdDecisionServerURL = r.str(key("adDecisionServerUrl"), at+"Ads.AdDecisionServerURL"); strings.EqualFold(a.AdDecisionServerURL, "off") {
		a.AdDecisionServerURL = "" // a channel of live:channels without the stack-wide ads
	} else if a.AdDecisionServerURL != "" {
		r.bind(key("adDecisionServerUrl"), "Live.CDN.AdInsertion") // the distribution routes MediaTailor for it
	}
	a.SlateAdURL = r.str(key("adSlateUrl"), at+"Ads.SlateAdURL")
	a.PersonalizationThresholdSeconds = r.integer(key("adPersonalizationThresholdSeconds"), at+"Ads.PersonalizationThresholdSeconds", true)
	a.AvailSuppression.Mode = enum(r, key("availSuppression"), at+"Ads.AvailSuppression.Mode", ads.SuppressionModes)
	a.AvailSuppression.Seconds = r.integer(key("availSuppressionSeconds"), at+"Ads.AvailSuppression.Seconds", false)
	a.AvailSuppression.FillPolicy = enum(r, key("availSuppressionFillPolicy"), at+"Ads.AvailSuppression.FillPolicy", ads.FillPolicies)
	return ch
}

// loadLiveTracks reads a channel's captions and audio languages (at is the encoding's path).
func loadLiveTracks(r *reader, key func(string) string, at string, e *encoder.Spec) {
	e.Captions = encoder.Captions(listItems(r, key("captions"), at+"Captions", "channel"))
	langs := r.bind(key("audioLanguages"), at+"AudioLanguages")
	langs.fields = append(langs.fields, field{at + "AudioLanguages[]", nil})
	langs.label = "language"
	e.AudioLanguages = r.list(key("audioLanguages"))
	langs.items = e.AudioLanguages
	pids := r.bind(key("audioPids"), at+"AudioPIDs")
	pids.fields = append(pids.fields, field{at + "AudioPIDs[]", nil})
	pids.label = "PID"
	for _, v := range r.list(key("audioPids")) {
		n, err := strconv.Atoi(v)
		if err != nil {
			r.fail(key("audioPids"), v, "use whole numbers, one PID per audio language, e.g. 482,483")
			return
		}
		e.AudioPIDs, pids.items = append(e.AudioPIDs, n), append(pids.items, v)
	}
}

// parseLiveLadder reads "1920x1080:6000,1280x720:3000:7" (width x height : max kb/s [: QVBR level]).
func parseLiveLadder(s string) ([]encoder.Rendition, []string, error) {
	var out []encoder.Rendition
	var items []string
	for _, rung := range strings.Split(s, ",") {
		if rung = strings.TrimSpace(rung); rung == "" {
			continue
		}
		f := strings.Split(rung, ":")
		size := []string{}
		if len(f) > 0 {
			size = strings.Split(strings.ToLower(f[0]), "x")
		}
		var n []int
		for _, x := range append(size, f[min(1, len(f)):]...) {
			v, err := strconv.Atoi(strings.TrimSpace(x))
			if err != nil {
				n = nil
				break
			}
			n = append(n, v)
		}
		if len(size) != 2 || len(f) < 2 || len(f) > 3 || len(n) != len(f)+1 {
			return nil, nil, fmt.Errorf("rung %q is not WIDTHxHEIGHT:maxKbps[:qvbrLevel] in whole numbers, e.g. 1920x1080:6000,1280x720:3000", rung)
		}
		r := encoder.Rendition{Width: n[0], Height: n[1], MaxBitrate: n[2] * 1000}
		if len(n) == 4 {
			if r.QVBRLevel = n[3]; r.QVBRLevel == 0 {
				return nil, nil, fmt.Errorf("rung %q has QVBR level 0; use 1 to 10, or leave it out for the default", rung)
			}
		}
		out = append(out, r)
		items = append(items, rung)
	}
	return out, items, nil
}

// loadVodDRM reads the VoD stack's DRM settings: its packaging group's key provider.
func loadVodDRM(r *reader, v *stacks.VodStackProps) {
	d := &v.Packaging.DRM
	d.KeyProviderURL = drmURL(r, "vod", "Vod.Packaging.DRM.KeyProviderURL")
	d.Systems = enumList(r, "vod:drmSystems", "Vod.Packaging.DRM.Systems", packaging.DRMSystems)
	d.AudioPreset = vodPreset(r, "vod:drmAudioPreset", "Vod.Packaging.DRM.AudioPreset", packaging.VodAudioPresets)
	d.VideoPreset = vodPreset(r, "vod:drmVideoPreset", "Vod.Packaging.DRM.VideoPreset", packaging.VodVideoPresets)
	v.DemoKeyServer = strings.EqualFold(r.str("vod:drm", "Vod.DemoKeyServer"), "demo")
	v.KeyProviderRoleArn = keyProviderRoleArn(r, "vod", d.On(), "Vod.KeyProviderRoleArn")
}

// vodPreset reads a MediaPackage VOD preset, spelled as the service does (PRESET-VIDEO-1) or as
// MediaPackage v2 and live:drmVideoPreset do (PRESET_VIDEO_1).
func vodPreset[T ~string](r *reader, key, path string, allowed []T) T {
	v := enum(r, key, path, allowed)
	if n := T(strings.ToUpper(strings.ReplaceAll(string(v), "_", "-"))); slices.Contains(allowed, n) {
		return n
	}
	return v
}
