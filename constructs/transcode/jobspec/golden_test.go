package jobspec

import (
	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"

	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/streamcdk/streamcdk/test/golden"
)

var twoRungs = []Rendition{{ShortSide: 720, MaxBitrate: 4_500_000}, {ShortSide: 360, MaxBitrate: 730_000}}

var update = flag.Bool("update", false, "rewrite testdata/*.json")

// TestSettingsGolden snapshots complete job settings for representative sources, so that every
// change to what MediaConvert receives is reviewed as a diff (`go test ./constructs/transcode/jobspec -update`).
func TestSettingsGolden(t *testing.T) {
	cases := []struct {
		name     string
		spec     Spec
		media    Media
		sidecars []Sidecar
	}{
		{"uhd-landscape-all-formats", Spec{Formats: []Format{CMAF, HLS, MP4, Thumbnails}}, Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 3840, Height: 2160}, nil},
		{"portrait-hevc", Spec{Codec: H265}, Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1080, Height: 1920}, nil},
		{"audio-only", Spec{Formats: []Format{CMAF, HLS, MP4}}, Media{FileSize: 1, HasAudio: true}, nil},
		{"hdr10-with-thumbnails", Spec{Formats: []Format{CMAF, Thumbnails}, Ladder: []Rendition{{ShortSide: 1080, MaxBitrate: 7_800_000}, {ShortSide: 540, MaxBitrate: 2_000_000}}},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 3840, Height: 2160, Duration: 95.5, Transfer: string(mctypes.TransferCharacteristicsSmpte2084), Primaries: string(mctypes.ColorPrimariesItu2020)}, nil},
		// Mid-rolls at 1, 5 and 15 minutes in a 10-minute title: cues at 60 s and 300 s only.
		{"hls-with-ad-breaks", Spec{Formats: []Format{CMAF, HLS}, AdBreaks: []int{60, 300, 900}, Ladder: []Rendition{{ShortSide: 720, MaxBitrate: 4_500_000}, {ShortSide: 360, MaxBitrate: 730_000}}},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Duration: 600}, nil},
		// CEA-608 in the source (Probe: a C608 track): kept in the TS and MP4 video, listed as
		// CLOSED-CAPTIONS, and a WebVTT (HLS, CMAF) and IMSC1 (CMAF DASH) track of CC1.
		{"608-passthrough", Spec{Formats: []Format{CMAF, HLS, MP4}, Ladder: twoRungs},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, CaptionTracks: []SourceCaptions{{Codec: string(mctypes.CodecC608)}}}, nil},
		// Subtitles in two languages from sidecar files (SRT and WebVTT), and forced narrative
		// subtitles burned into the picture.
		{"two-sidecar-subtitles", Spec{Formats: []Format{CMAF, HLS}, Ladder: twoRungs},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080}, []Sidecar{
				{URL: "s3://sources/show/ep1.en.srt", Kind: ClosedCaptions, Language: "eng", Label: "English (CC)"},
				{URL: "s3://sources/show/ep1.es.vtt", Kind: Subtitles, Language: "spa"},
				{URL: "s3://sources/show/ep1.forced.en.srt", Kind: Forced, Language: "eng"},
			}},
		// A source with English and Spanish stereo tracks: an audio rendition group.
		{"two-audio-languages", Spec{Formats: []Format{CMAF, HLS}, Ladder: twoRungs},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, AudioTracks: []SourceAudio{{Track: 1, Language: "eng", Channels: 2}, {Track: 2, Language: "spa", Channels: 2}}}, nil},
		// A source with one English track as two mono tracks, and a sidecar audio description.
		{"sidecar-audio-description", Spec{Formats: []Format{CMAF, HLS, MP4}, Ladder: twoRungs},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, AudioTracks: []SourceAudio{{Track: 1, Language: "eng", Channels: 1}, {Track: 2, Language: "eng", Channels: 1}}},
			[]Sidecar{{URL: "s3://sources/show/ep1.ad.wav", Kind: DescribedVideo, Language: "eng", Label: "English (described)"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.spec.Validate(); err != nil {
				t.Fatal(err)
			}
			p, err := c.spec.Plan(c.media, c.sidecars...)
			if err != nil {
				t.Fatal(err)
			}
			js := c.spec.Settings("s3://sources/show/ep1.mov", "s3://outputs/show/ep1/", p)
			checkAgainstModel(t, js)
			got, err := json.MarshalIndent(js, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", c.name+".json"), append(got, '\n'), *update, "go test ./constructs/transcode/jobspec -update")
		})
	}
}
