package jobspec

import (
	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"

	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/streamcdk/streamcdk/test/golden"
)

var update = flag.Bool("update", false, "rewrite testdata/*.json")

// TestSettingsGolden snapshots complete job settings for representative sources, so that every
// change to what MediaConvert receives is reviewed as a diff (`go test ./constructs/transcode/jobspec -update`).
func TestSettingsGolden(t *testing.T) {
	cases := []struct {
		name  string
		spec  Spec
		media Media
	}{
		{"uhd-landscape-all-formats", Spec{Formats: []Format{CMAF, HLS, MP4, Thumbnails}}, Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 3840, Height: 2160}},
		{"portrait-hevc", Spec{Codec: H265}, Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1080, Height: 1920}},
		{"audio-only", Spec{Formats: []Format{CMAF, HLS, MP4}}, Media{FileSize: 1, HasAudio: true}},
		{"hdr10-with-thumbnails", Spec{Formats: []Format{CMAF, Thumbnails}, Ladder: []Rendition{{ShortSide: 1080, MaxBitrate: 7_800_000}, {ShortSide: 540, MaxBitrate: 2_000_000}}},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 3840, Height: 2160, Duration: 95.5, Transfer: string(mctypes.TransferCharacteristicsSmpte2084), Primaries: string(mctypes.ColorPrimariesItu2020)}},
		// Mid-rolls at 1, 5 and 15 minutes in a 10-minute title: cues at 60 s and 300 s only.
		{"hls-with-ad-breaks", Spec{Formats: []Format{CMAF, HLS}, AdBreaks: []int{60, 300, 900}, Ladder: []Rendition{{ShortSide: 720, MaxBitrate: 4_500_000}, {ShortSide: 360, MaxBitrate: 730_000}}},
			Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Duration: 600}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.spec.Validate(); err != nil {
				t.Fatal(err)
			}
			p, err := c.spec.Plan(c.media)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(c.spec.Settings("s3://sources/show/ep1.mov", "s3://outputs/show/ep1/", p), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", c.name+".json"), append(got, '\n'), *update, "go test ./constructs/transcode/jobspec -update")
		})
	}
}
