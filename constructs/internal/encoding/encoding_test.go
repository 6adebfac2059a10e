package encoding

import (
	"strings"
	"testing"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
)

// TestCodecNames: the codecs are spelled as MediaConvert's API spells them (the live encoder maps
// them to MediaLive's H264Settings/H265Settings).
func TestCodecNames(t *testing.T) {
	if string(H264) != string(mctypes.VideoCodecH264) || string(H265) != string(mctypes.VideoCodecH265) {
		t.Errorf("codecs %s, %s; MediaConvert's %s, %s", H264, H265, mctypes.VideoCodecH264, mctypes.VideoCodecH265)
	}
}

func TestHEVCBitrate(t *testing.T) {
	for avc, want := range map[int]int{7_800_000: 5_460_000, 365_000: 250_000, 730_000: 510_000} {
		if got := HEVCBitrate(avc); got != want {
			t.Errorf("HEVCBitrate(%d) = %d, want %d", avc, got, want)
		}
	}
}

func TestChecks(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{CheckTiming("x", 6, 4), "x: GOPSeconds 4 is not allowed; use a whole number of seconds that divides SegmentSeconds (6)"},
		{CheckTiming("x", 31, 1), "x: SegmentSeconds 31"},
		{CheckAudioBitrate("x", 100000), "x: AudioBitrate 100000"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("got %v, want %q", c.err, c.want)
		}
	}
	if CheckTiming("x", SegmentSeconds, GOPSeconds) != nil || CheckAudioBitrate("x", AudioBitrate) != nil {
		t.Error("the defaults must pass their own checks")
	}
}
