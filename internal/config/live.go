package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
	"github.com/streamcdk/streamcdk/internal/validate"
	"github.com/streamcdk/streamcdk/stacks"
)

// liveKeys documents the live: keys (merged into Keys).
var liveKeys = map[string]string{
	"streamcdk:liveStackName": "name of the live stack (default StreamCdkLive)",

	"live:channelName":            "name of the channel: MediaLive channel and input, MediaPackage channel, playback paths (default main)",
	"live:inputType":              "URL_PULL, RTMP_PUSH, RTP_PUSH, SRT_CALLER or MEDIACONNECT (default URL_PULL from two public test streams)",
	"live:channelClass":           "STANDARD (two pipelines, two feeds) or SINGLE_PIPELINE (one feed, half the cost) (default STANDARD)",
	"live:sources":                "comma-separated: URLs to pull (URL_PULL) or host:port listeners (SRT_CALLER), one per pipeline (default: the test streams)",
	"live:pullUsername":           "user name for authenticated pulls (with live:pullPasswordParameter)",
	"live:pullPasswordParameter":  "name of the SSM SecureString parameter holding the pull password (never the password itself)",
	"live:srtStreamId":            "stream id sent to the SRT listeners (default none)",
	"live:flowArns":               "comma-separated MediaConnect flow ARNs, one per pipeline (MEDIACONNECT)",
	"live:inputCidrs":             "comma-separated IPv4 CIDRs allowed to push (RTMP_PUSH, RTP_PUSH; required for them)",
	"live:allowOpenInput":         "allow 0.0.0.0/0 in live:inputCidrs (default false)",
	"live:preset":                 "ladder preset HD1080, HD720 or SD540 (default HD1080)",
	"live:codec":                  "H_264 or H_265 (default H_264)",
	"live:ladder":                 "comma-separated rungs WIDTHxHEIGHT:maxKbps[:qvbrLevel], largest first (default: the preset)",
	"live:frameRate":              "output frame rate 25, 29.97, 30, 50, 59.94 or 60 (default 30)",
	"live:gopSeconds":             "closed-GOP keyframe interval, dividing live:segmentSeconds (default 2)",
	"live:segmentSeconds":         "segment duration, 1-30 (default 6)",
	"live:audioBitrate":           "AAC bit rate in b/s: 64000 to 320000 (default 128000)",
	"live:inputCodec":             "input specification codec AVC, HEVC or MPEG2 (default AVC)",
	"live:inputMaximumBitrate":    "input specification MAX_10_MBPS, MAX_20_MBPS or MAX_50_MBPS (default MAX_20_MBPS)",
	"live:inputResolution":        "input specification SD, HD or UHD (default: the ladder's top rung)",
	"live:manifestWindowSeconds":  "seconds a live manifest lists, 3 segments to 900 (default 60)",
	"live:startoverWindowSeconds": "start-over / time-shift window, 60-1209600 seconds (default off)",
	"live:lowLatencyHls":          "add a low-latency HLS endpoint (default false)",
	"live:priceClass":             "CloudFront price class 100, 200 or All (default 100)",
	"live:domainNames":            "comma-separated alternate domain names for CloudFront (needs live:certificateArn)",
	"live:certificateArn":         "ACM certificate ARN in us-east-1 covering live:domainNames",
	"live:webAclArn":              "ARN of a CLOUDFRONT-scope WAFv2 web ACL (default none)",
	"live:geoAllow":               "comma-separated ISO country codes allowed to play (default: everywhere)",
	"live:playbackCorsOrigins":    "comma-separated origins allowed to play from a browser (default *)",
	"live:originShieldRegion":     "enable CloudFront Origin Shield in this region (default off)",
	"live:signingPublicKeyFile":   "PEM public key file; playback then needs CloudFront signed URLs or cookies (default public)",
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

// loadLive reads the live channel (one, for now: Channels[0]).
func loadLive(r *reader, l *stacks.LiveStackProps) {
	ch := stacks.LiveChannelConfig{}
	const at = "Live.Channels[]."
	ch.Name = r.str("live:channelName", at+"Name", at+"Ingest.Name", at+"Packaging.Name")
	in := &ch.Ingest
	in.InputType = enum(r, "live:inputType", at+"Ingest.InputType", liveingest.InputTypes)
	in.Class = enum(r, "live:channelClass", at+"Ingest.Class", liveingest.ChannelClasses)
	in.Sources = r.list("live:sources", at+"Ingest.Sources")
	in.PullUsername = r.str("live:pullUsername", at+"Ingest.PullUsername")
	in.PullPasswordParameter = r.str("live:pullPasswordParameter", at+"Ingest.PullPasswordParameter")
	in.SrtStreamID = r.str("live:srtStreamId", at+"Ingest.SrtStreamID")
	in.FlowArns = r.list("live:flowArns", at+"Ingest.FlowArns")
	in.InputCidrs = r.list("live:inputCidrs", at+"Ingest.InputCidrs")
	in.AllowOpenInput = r.boolean("live:allowOpenInput", at+"Ingest.AllowOpenInput")
	e := &in.Encoding
	e.Preset = enum(r, "live:preset", at+"Ingest.Encoding.Preset", encoder.Presets)
	e.Codec = enum(r, "live:codec", at+"Ingest.Encoding.Codec", encoder.Codecs)
	ladder := r.bind("live:ladder", at+"Ingest.Encoding.Ladder")
	ladder.fields = append(ladder.fields, field{at + "Ingest.Encoding.Ladder[].MaxBitrate", &validate.Scale{Divisor: 1000, Unit: "kb/s"}})
	ladder.label = "rung"
	if s, raw, ok := r.raw("live:ladder"); ok {
		rungs, items, err := parseLiveLadder(s)
		if err != nil {
			r.fail("live:ladder", raw, err.Error())
		}
		e.Ladder, ladder.items = rungs, items
	}
	e.FrameRate = r.str("live:frameRate", at+"Ingest.Encoding.FrameRate")
	e.GopSeconds = r.integer("live:gopSeconds", at+"Ingest.Encoding.GopSeconds", true)
	e.SegmentSeconds = r.integer("live:segmentSeconds", at+"Ingest.Encoding.SegmentSeconds", true)
	r.bind("live:segmentSeconds", at+"Packaging.SegmentSeconds")
	e.AudioBitrate = r.integer("live:audioBitrate", at+"Ingest.Encoding.AudioBitrate", true)
	e.InputCodec = strings.ToUpper(r.str("live:inputCodec", at+"Ingest.Encoding.InputCodec"))
	e.InputMaximumBitrate = strings.ToUpper(r.str("live:inputMaximumBitrate", at+"Ingest.Encoding.InputMaximumBitrate"))
	e.InputResolution = strings.ToUpper(r.str("live:inputResolution", at+"Ingest.Encoding.InputResolution"))
	p := &ch.Packaging
	p.ManifestWindowSeconds = r.integer("live:manifestWindowSeconds", at+"Packaging.ManifestWindowSeconds", true)
	p.StartoverWindowSeconds = r.integer("live:startoverWindowSeconds", at+"Packaging.StartoverWindowSeconds", false)
	p.LowLatencyHls = r.boolean("live:lowLatencyHls", at+"Packaging.LowLatencyHls")
	l.Channels = []stacks.LiveChannelConfig{ch}
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
			if r.QvbrLevel = n[3]; r.QvbrLevel == 0 {
				return nil, nil, fmt.Errorf("rung %q has QVBR level 0; use 1 to 10, or leave it out for the default", rung)
			}
		}
		out = append(out, r)
		items = append(items, rung)
	}
	return out, items, nil
}
