package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/internal/cfndiff"
	"github.com/streamcdk/streamcdk/stacks"
)

// StatefulTypes are the resource types whose replacement or removal loses data or service: the
// review marks them, and the update-safety tests forbid replacing them.
var StatefulTypes = map[string]bool{
	"AWS::S3::Bucket": true, "AWS::DynamoDB::Table": true, "AWS::SecretsManager::Secret": true, "AWS::KMS::Key": true,
	"AWS::MediaPackageV2::ChannelGroup": true, "AWS::MediaPackageV2::Channel": true, "AWS::MediaPackageV2::OriginEndpoint": true,
	"AWS::MediaLive::Input": true, "AWS::MediaLive::Channel": true, "AWS::MediaPackage::PackagingGroup": true,
	"AWS::SNS::Topic": true, "AWS::SQS::Queue": true,
}

// Vod is what the VoD stack's review is made from, besides its templates.
func Vod(v *stacks.VodStack) (ladders []Table, costs []Cost) {
	s := v.Pipeline.Spec
	rows := [][]string{}
	for i, r := range s.Ladder {
		long := (r.ShortSide*16/9 + 1) &^ 1
		rows = append(rows, []string{fmt.Sprint(i + 1), fmt.Sprint(r.ShortSide), fmt.Sprintf("%dx%d", long, r.ShortSide), fmt.Sprint(r.MaxBitrate / 1000), fmt.Sprint(r.QVBRLevel)})
	}
	formats := make([]string, len(s.Formats))
	for i, f := range s.Formats {
		formats[i] = string(f)
	}
	ladders = append(ladders, Table{
		Title:   fmt.Sprintf("VoD: %s, %s, %d s segments, %d s GOP, AAC %d kb/s (never above the source's size)", s.Codec, strings.Join(formats, "+"), s.SegmentSeconds, s.GOPSeconds, s.AudioBitrate/1000),
		Columns: []string{"rung", "short side", "16:9 landscape", "max kb/s", "QVBR"},
		Rows:    rows,
		Notes:   append(vodTracks(s), vodDRM(v)),
	})
	for _, src := range []struct {
		name string
		m    jobspec.Media
	}{{"1080p", jobspec.Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080}}, {"2160p", jobspec.Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 3840, Height: 2160}}} {
		plan, err := s.Plan(src.m)
		if err != nil {
			continue
		}
		costs = append(costs, Cost{Item: "MediaConvert, a " + src.name + " 16:9 source", Estimate: outputMinutes(s, plan) + " output minutes per input minute", Basis: "MediaConvert bills per output minute by resolution (SD below 720 lines, HD to 1080, UHD above) and codec; the ladder never upscales"})
	}
	if v.Packaging != nil {
		costs = append(costs, Cost{Item: "MediaPackage VOD", Estimate: "per GB packaged", Basis: "egress through CloudFront, cached with the managed Elemental-MediaPackage policy"})
	}
	if v.Ads != nil {
		costs = append(costs, Cost{Item: "MediaTailor", Estimate: "per 1,000 ads inserted", Basis: "plus the ad server's own charges"})
	}
	costs = append(costs, Cost{Item: "CloudFront", Estimate: "per GB delivered and per request", Basis: "price class " + v.CDN.PriceClass()})
	return ladders, costs
}

// outputMinutes counts a job's output minutes per input minute by pricing class.
func outputMinutes(s jobspec.Spec, p jobspec.Plan) string {
	classes := map[string]int{}
	for _, r := range p.Renditions {
		short := min(r.Width, r.Height)
		switch {
		case short < 720:
			classes["SD"]++
		case short <= 1080:
			classes["HD"]++
		default:
			classes["UHD"]++
		}
	}
	video := 0
	for _, f := range s.Formats {
		if f == jobspec.CMAF || f == jobspec.HLS || f == jobspec.MP4 {
			video++
		}
	}
	var parts []string
	for _, c := range []string{"UHD", "HD", "SD"} {
		if n := classes[c] * video; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, c))
		}
	}
	if s.Has(jobspec.CMAF) {
		parts = append(parts, "1 audio")
	}
	if s.Has(jobspec.Thumbnails) {
		parts = append(parts, "1 frame capture")
	}
	return strings.Join(parts, " + ")
}

// Live is what the live stack's review is made from, besides its templates.
func Live(l *stacks.LiveStack) (ladders []Table, costs []Cost) {
	for i, ch := range l.Channels {
		s, name, class := ch.Spec, ch.Name(), ch.Class()
		rows := [][]string{}
		for i, r := range s.Ladder {
			rows = append(rows, []string{fmt.Sprint(i + 1), fmt.Sprintf("%dx%d", r.Width, r.Height), fmt.Sprint(r.MaxBitrate / 1000), fmt.Sprint(r.QVBRLevel)})
		}
		ladders = append(ladders, Table{
			Title:   fmt.Sprintf("Live channel %s: %s, %s, %s fps, %d s segments, %d s GOP, AAC %d kb/s", name, class, s.Codec, s.FrameRate, s.SegmentSeconds, s.GOPSeconds, s.AudioBitrate/1000),
			Columns: []string{"output", "size", "max kb/s", "QVBR"},
			Rows:    rows,
			Notes:   append(liveTracks(s), liveDRM(l.Packaging.Channels[i]), liveFailover(l, i)),
		})
		usd, basis := ch.HourlyListPrice()
		costs = append(costs, Cost{Item: "MediaLive channel " + name + " (while running)", Estimate: fmt.Sprintf("about $%.2f an hour", usd), Basis: basis})
	}
	costs = append(costs, Cost{Item: "MediaPackage v2", Estimate: "per GB ingested and delivered", Basis: "plus storage with a start-over window"})
	for i, a := range l.Ads {
		if a != nil {
			costs = append(costs, Cost{Item: "MediaTailor (channel " + l.Channels[i].Name() + ")", Estimate: "per 1,000 ads inserted", Basis: "plus the ad server's own charges"})
		}
	}
	if l.CDN != nil {
		costs = append(costs, Cost{Item: "CloudFront", Estimate: "per GB delivered and per request", Basis: "price class " + l.CDN.PriceClass()})
	}
	return ladders, costs
}

// Templates reads the stacks' templates from a cloud assembly directory; a stack without one
// there (no synth yet) is left out.
func Templates(a *stacks.App, dir string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, s := range a.Stacks() {
		b, err := os.ReadFile(filepath.Join(dir, *s.TemplateFile()))
		if err != nil {
			continue
		}
		var t map[string]any
		if json.Unmarshal(b, &t) == nil {
			out[*s.StackName()] = t
		}
	}
	return out
}

// Write writes <stack>.md for every stack into the cloud assembly dir (from the
// templates synthesized there and previous, the templates the synth replaced), and txt,
// the table `make synth` prints. It returns a warning for each stateful resource the update
// from previous would replace or delete, found with the CDK's own diff (package cfndiff) when
// the aws-cdk package is installed under the working directory.
func Write(a *stacks.App, dir string, previous map[string]map[string]any) (warnings []string, err error) {
	now := Templates(a, dir)
	var ins []Stack
	add := func(s awscdk.Stack, f func() ([]Table, []Cost)) error {
		name := *s.StackName()
		in := Stack{Name: name, Template: now[name], Previous: previous[name], Stateful: StatefulTypes}
		if in.Template == nil {
			return fmt.Errorf("no template of %s in %s", name, dir)
		}
		in.Ladders, in.Costs = f()
		ins = append(ins, in)
		return nil
	}
	if a.Vod != nil {
		if err := add(a.Vod.Stack, func() ([]Table, []Cost) { return Vod(a.Vod) }); err != nil {
			return nil, err
		}
	}
	if a.LiveSecondary != nil {
		if err := add(a.LiveSecondary.Stack, func() ([]Table, []Cost) { return Live(a.LiveSecondary) }); err != nil {
			return nil, err
		}
	}
	if a.Live != nil {
		if err := add(a.Live.Stack, func() ([]Table, []Cost) { return Live(a.Live) }); err != nil {
			return nil, err
		}
	}
	diffPrevious(ins)
	var sums []Summary
	for _, in := range ins {
		if err := os.WriteFile(filepath.Join(dir, in.Name+".review.md"), []byte(Markdown(in)), 0o644); err != nil {
			return nil, err
		}
		sums = append(sums, Summarize(in))
		for _, c := range in.Diff {
			if StatefulTypes[c.Type] && c.Loses() {
				how := "deletes"
				if c.Change == "updated" {
					how = "replaces (" + strings.Join(c.Replacing, ", ") + " changed)"
				}
				warnings = append(warnings, fmt.Sprintf("warning: compared with the previous synth in this cdk.out (not the deployed stack: `cdk diff` compares with that), deploying this synth of %s %s %s (%s), which holds data or service; see %s.review.md", in.Name, how, c.LogicalID, c.Type, in.Name))
			}
		}
	}
	return warnings, os.WriteFile(filepath.Join(dir, "review.txt"), []byte(TerminalTable(sums)), 0o644)
}

// diffPrevious sets each stack's Diff from its previous template, with the CDK's diff (one Node
// process for every changed stack) when the aws-cdk package is installed under the working
// directory; without it the reviews compare resources themselves.
func diffPrevious(ins []Stack) {
	var pairs []cfndiff.Pair
	var changed []*Stack
	for i := range ins {
		in := &ins[i]
		if in.Previous == nil {
			continue
		}
		a, _ := json.Marshal(in.Previous)
		b, _ := json.Marshal(in.Template)
		if bytes.Equal(a, b) {
			in.Diff = []cfndiff.Change{} // unchanged: no need for the diff
			continue
		}
		pairs = append(pairs, cfndiff.Pair{Old: in.Previous, New: in.Template})
		changed = append(changed, in)
	}
	if len(pairs) == 0 {
		return
	}
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	cli, err := cfndiff.CLI(wd)
	if err != nil {
		return
	}
	diffs, err := cfndiff.Diff(cli, pairs)
	if err != nil {
		return
	}
	for i, in := range changed {
		in.Diff = append([]cfndiff.Change{}, diffs[i]...)
	}
}

// vodTracks says what the VoD outputs carry of captions and audio.
func vodTracks(s jobspec.Spec) []string {
	captions := "CEA-608/708 in a source, as Probe finds it (CC1)"
	if s.Captions.Is(jobspec.CaptionsOff) {
		captions = "none from the sources"
	} else if cs, _ := s.Captions.Channels(); cs != nil {
		captions = channels(cs)
	}
	audio := "every audio track of a source, in its order, the first the default"
	switch {
	case s.Audio.Languages() != nil:
		audio = "the tracks in " + strings.Join(s.Audio.Languages(), ", ") + ", in that order, the first the default"
	case strings.EqualFold(string(s.Audio), string(jobspec.AudioFirst)):
		audio = "a source's first audio track"
	}
	return []string{
		"Captions (`vod:captions`): " + captions + ", as WebVTT (HLS, CMAF `index-hls.m3u8`) and IMSC1 (CMAF `index-dash.mpd`), CEA-608 kept in the TS and MP4 video; caption files a metadata file names are added (forced ones burned in).",
		"Audio (`vod:audio`): " + audio + ", AAC-LC stereo each; audio files a metadata file names are added.",
	}
}

// liveTracks says what a live channel carries of captions and audio.
func liveTracks(s encoder.Spec) []string {
	captions := "none (`off`)"
	if !s.Captions.Is(encoder.CaptionsOff) {
		cs, _ := s.Captions.Channels()
		if cs == nil {
			cs = []encoder.CaptionChannel{encoder.DefaultCaptionChannel}
		}
		captions = channels(cs) + " of the feed, as TTML over CMAF ingest: WebVTT in HLS, IMSC1 in DASH"
	}
	audio := "the feed's first audio track"
	if len(s.AudioLanguages) > 0 {
		by := "by language descriptor"
		if len(s.AudioPIDs) > 0 {
			by = "by PID " + strings.Trim(strings.Join(strings.Fields(fmt.Sprint(s.AudioPIDs)), ", "), "[]")
		}
		audio = strings.Join(s.AudioLanguages, ", ") + " (" + by + "), each its own rendition, the first the default"
	}
	return []string{"Captions (`live:captions`): " + captions + ".", "Audio (`live:audioLanguages`): " + audio + "."}
}

func channels(cs []encoder.CaptionChannel) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("CC%d %s %q", c.Channel, c.Language, c.Label)
	}
	return strings.Join(parts, ", ")
}

// vodDRM says how the packaged formats are encrypted, and by which key provider.
func vodDRM(v *stacks.VodStack) string {
	if v.Packaging == nil || len(v.Packaging.Encryptions()) == 0 {
		return "DRM (`vod:drm`): off; playback is in the clear."
	}
	enc := v.Packaging.Encryptions()
	provider := "SPEKE v2 key provider " + v.Packaging.DRMOptions().KeyProviderURL
	if v.KeyServer != nil {
		provider = "the stack's demo key server (Clear Key: development and testing only)"
	}
	return "DRM (`vod:drm`): " + provider + "; MediaPackage CMAF HLS " + enc["CMAF"] + ", DASH " + enc["DASH"] +
		"; no HLS (TS) configuration (SPEKE v1 only); the renditions bucket is not served."
}

// liveFailover says whether channel i has a failover pair across Regions, and how it fails over.
func liveFailover(l *stacks.LiveStack, i int) string {
	name := l.Channels[i].Name()
	switch {
	case l.Failover != nil:
		return fmt.Sprintf("Failover (`live:secondaryRegion`): channel %s in %s first, then in %s (origin group: 404, 500, 502, 503, 504); both encoders epoch-locked; the endpoints here force errors (stale or incomplete manifest, missing DRM key, slate input), %s's do not.",
			name, *l.Stack.Region(), *l.Failover.Stack.Region(), *l.Failover.Stack.Region())
	case l.CDN == nil:
		return fmt.Sprintf("Failover (`live:secondaryRegion`): this is the secondary Region; channel %s here is the primary stack's failover origin (epoch-locked, no forced errors).", name)
	}
	return "Failover (`live:secondaryRegion`): none; the channel survives a pipeline or a source, not its Region."
}

// liveDRM says how a channel's endpoints are encrypted, and by which key provider.
func liveDRM(c *packaging.LiveChannel) string {
	enc := c.Encryptions()
	if len(enc) == 0 {
		return "DRM (`live:drm`): off; the endpoints serve the stream in the clear."
	}
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(enc)) {
		parts = append(parts, f+" "+enc[f])
	}
	provider := "SPEKE v2 key provider " + c.DRM.KeyProviderURL
	if *awscdk.Token_IsUnresolved(jsii.String(c.DRM.KeyProviderURL)) {
		provider = "the stack's demo key server (Clear Key: development and testing only)"
	}
	return "DRM (`live:drm`): " + provider + "; " + strings.Join(parts, "; ") + "."
}
