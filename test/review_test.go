package test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamcdk/streamcdk/internal/review"
	"github.com/streamcdk/streamcdk/test/golden"
)

// TestReviewGolden: the review summaries written beside the default and all-options templates,
// snapshotted (`go test ./test -update` rewrites them; read the diff as a reviewer would).
func TestReviewGolden(t *testing.T) {
	for name, ov := range map[string]map[string]any{"default": nil, "options": optionsVariant} {
		s := synth(t, ov, false)
		if _, err := review.Write(s.stacks, s.assembly, nil); err != nil {
			t.Fatal(err)
		}
		for _, stack := range []string{"StreamCdkVod", "StreamCdkLive"} {
			b, err := os.ReadFile(filepath.Join(s.assembly, stack+".review.md"))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "review", name+"-"+stack+".md"), b, *update, "go test ./test -update")
		}
		table, _ := os.ReadFile(filepath.Join(s.assembly, "review.txt"))
		if !strings.Contains(string(table), "StreamCdkVod") || !strings.Contains(string(table), "first synth in this folder") {
			t.Errorf("review.txt:\n%s", table)
		}
	}
}

// TestReviewSections: every section a reviewer needs is there, from the template and the
// configuration: resources, ladders, outputs, each role's permissions, the suppressions with
// their reasons, the cost drivers.
func TestReviewSections(t *testing.T) {
	s := synth(t, liveChannelsVariant, false)
	ladders, costs := review.Live(s.stacks.Live)
	md := review.Markdown(review.Stack{Name: "StreamCdkLive", Template: s.liveJSON, Ladders: ladders, Costs: costs, Stateful: review.StatefulTypes})
	for _, want := range []string{
		"## Resources by type", "| AWS::MediaTailor::PlaybackConfiguration | 2 |",
		"### Live channel news: STANDARD, H_264, 30 fps", "### Live channel sports: SINGLE_PIPELINE", "| 1 | 1280x720 | 3000 |",
		"| NewsIngestUrls |", "| SportsAdsHlsUrl |",
		"### Role ChannelnewsRole", "(assumed by Service: medialive.amazonaws.com)", "mediapackagev2:PutObject",
		"### Resource policies admitting Service: cloudwatch.amazonaws.com",
		"| AwsSolutions-IAM5 |", "medialive:ListChannels, X-Ray and CloudWatch Logs delivery have no resource type",
		"| MediaLive channel news (while running) | about $3.75 an hour |", "| MediaLive channel sports (while running) | about $1.43 an hour |", "halved for SINGLE_PIPELINE",
		"price class PRICE_CLASS_100",
		"None: this is the first synth of StreamCdkLive here.",
		"Captions (`live:captions`): CC1 eng \"English\" of the feed, as TTML over CMAF ingest: WebVTT in HLS, IMSC1 in DASH.",
		"Captions (`live:captions`): CC1 eng \"English\", CC3 spa \"Espanol\" of the feed",
		"Audio (`live:audioLanguages`): eng, spa (by PID 482, 483), each its own rendition, the first the default.",
		"Audio (`live:audioLanguages`): the feed's first audio track.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the live review lacks %q", want)
		}
	}
	// VoD: output minutes per input minute by pricing class for the configured formats.
	vl, vc := review.Vod(s.stacks.Vod)
	vmd := review.Markdown(review.Stack{Name: "StreamCdkVod", Template: s.vodJSON, Ladders: vl, Costs: vc, Stateful: review.StatefulTypes})
	for _, want := range []string{"### VoD: H_264, CMAF+HLS, 6 s segments", "| 3 | 1080 | 1920x1080 | 7800 | 8 |",
		"MediaConvert, a 1080p 16:9 source | 4 HD + 8 SD + 1 audio output minutes per input minute", "MediaConvert, a 2160p 16:9 source | 4 UHD + 4 HD + 8 SD + 1 audio", "| MediaTailor |",
		"Captions (`vod:captions`): CEA-608/708 in a source, as Probe finds it (CC1), as WebVTT", "Audio (`vod:audio`): every audio track of a source, in its order, the first the default"} {
		if !strings.Contains(vmd, want) {
			t.Errorf("the VoD review lacks %q", want)
		}
	}
	// DRM: which configurations are encrypted, how, by which key provider (never a key).
	d := synth(t, mediaPackageVariant, false)
	dl, _ := review.Vod(d.stacks.Vod)
	dmd := review.Markdown(review.Stack{Name: "StreamCdkVod", Template: d.vodJSON, Ladders: dl, Stateful: review.StatefulTypes})
	for _, want := range []string{"DRM (`vod:drm`): the stack's demo key server (Clear Key: development and testing only); MediaPackage CMAF HLS CBCS (WIDEVINE), DASH (WIDEVINE); no HLS (TS) configuration"} {
		if !strings.Contains(dmd, want) {
			t.Errorf("the VoD DRM review lacks %q", want)
		}
	}
	k := synth(t, mediaPackageKmsVariant, false)
	ll, _ := review.Live(k.stacks.Live)
	lmd := review.Markdown(review.Stack{Name: "StreamCdkLive", Template: k.liveJSON, Ladders: ll, Stateful: review.StatefulTypes})
	if want := "DRM (`live:drm`): SPEKE v2 key provider https://abcd123456.execute-api.us-east-1.amazonaws.com/prod/copyProtection; CMAF_DASH CENC (WIDEVINE, PLAYREADY); CMAF_HLS CBCS (FAIRPLAY, WIDEVINE, PLAYREADY); HLS SAMPLE_AES (FAIRPLAY)."; !strings.Contains(lmd, want) {
		t.Errorf("the live DRM review lacks %q", want)
	}
	if strings.Contains(vl[0].Notes[len(vl[0].Notes)-1], "DRM (`vod:drm`): off") == false {
		t.Errorf("the VoD review without DRM says %q", vl[0].Notes[len(vl[0].Notes)-1])
	}
}

// TestReviewChanges: against the previous synth, the review lists what was added, removed and
// changed, and flags stateful resources removed (here: the default channel "main" gives way
// to news and sports).
func TestReviewChanges(t *testing.T) {
	before, after := synth(t, nil, false), synth(t, liveChannelsVariant, false)
	in := review.Stack{Name: "StreamCdkLive", Template: after.liveJSON, Previous: before.liveJSON, Stateful: review.StatefulTypes}
	md := review.Markdown(in)
	for _, want := range []string{"## Changes since the previous synth in this folder", "| removed | ChannelmainChannel", "| added | ChannelnewsChannel",
		"STATEFUL: its data or service is lost", "| changed | CdnF9DD0B44 | AWS::CloudFront::Distribution | DistributionConfig"} {
		if !strings.Contains(md, want) {
			t.Errorf("the changes lack %q", want)
		}
	}
	sum := review.Summarize(in)
	if sum.StatefulRemoved < 3 || sum.Added == 0 || !strings.Contains(review.TerminalTable([]review.Summary{sum}), "STATEFUL removed or replaced") {
		t.Errorf("summary %+v", sum)
	}
	if same := review.Summarize(review.Stack{Name: "x", Template: before.liveJSON, Previous: before.liveJSON}); same.Added+same.Removed+same.Changed != 0 {
		t.Errorf("a synth compared with itself: %+v", same)
	}
}
