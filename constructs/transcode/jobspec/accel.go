package jobspec

import (
	"encoding/json"
	"slices"
	"sort"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
)

// acceleratedInputs are the input containers and video codecs (as Probe names them) that
// MediaConvert's accelerated transcoding accepts (its "job settings requirements" table,
// https://docs.aws.amazon.com/mediaconvert/latest/ug/job-requirements.html).
var acceleratedInputs = map[mctypes.Format][]mctypes.Codec{
	mctypes.FormatMpegts:    {mctypes.CodecAvc, mctypes.CodecHevc, mctypes.CodecMpeg2},
	mctypes.FormatMatroska:  {mctypes.CodecAvc, mctypes.CodecMpeg2, mctypes.CodecMp4v},
	mctypes.FormatMp4:       {mctypes.CodecAvc, mctypes.CodecHevc, mctypes.CodecMpeg2},
	mctypes.FormatMxf:       {mctypes.CodecProres, mctypes.CodecAvc, mctypes.CodecJpeg2000, mctypes.CodecMpeg2},
	mctypes.FormatQuicktime: {mctypes.CodecProres, mctypes.CodecAvc, mctypes.CodecJpeg2000, mctypes.CodecMpeg2},
}

// unacceleratable are the job settings of the features MediaConvert lists under "Transcoding
// features not supported with accelerated transcoding"
// (https://docs.aws.amazon.com/mediaconvert/latest/ug/job-requirements.html), as the setting's
// JSON name and the values that turn the feature on (none: any value does). A job using one
// fails with acceleration ENABLED. Frame captures are no accelerated output (the page's table of
// outputs has none).
var unacceleratable = []struct {
	feature, setting string
	values           []string
}{
	{"ESAM", "Esam", nil},
	{"SCTE-35 passthrough", "Scte35Source", []string{string(mctypes.M3u8Scte35SourcePassthrough), string(mctypes.M2tsScte35SourcePassthrough), string(mctypes.CmfcScte35SourcePassthrough), string(mctypes.MpdScte35SourcePassthrough)}},
	{"frame capture", "Codec", []string{string(mctypes.VideoCodecFrameCapture)}},
	{"inverse telecine", "Mode", []string{string(mctypes.DeinterlacerModeInverseTelecine)}},
	{"telecine output", "Telecine", []string{string(mctypes.H264TelecineSoft), string(mctypes.H264TelecineHard)}},
	{"interpolated frame rate conversion", "FramerateConversionAlgorithm", []string{string(mctypes.H264FramerateConversionAlgorithmInterpolate)}},
	{"SEI timecode", "TimecodeInsertion", []string{string(mctypes.VideoTimecodeInsertionPicTimingSei)}},
	{"pad video", "PadVideo", []string{string(mctypes.PadVideoBlack)}},
	{"avail blanking", "AvailBlanking", nil},
	{"motion image inserter", "MotionImageInserter", nil},
	{"black video generator", "VideoGenerator", nil},
	{"embedded job-wide timecode source", "Source", []string{string(mctypes.TimecodeSourceEmbedded)}}, // TimecodeConfig.Source; an input's TimecodeSource may be EMBEDDED
	{"timecode anchor", "Anchor", nil},
	{"burn-in or SCTE-20 captions", "DestinationType", []string{string(mctypes.CaptionDestinationTypeBurnIn), string(mctypes.CaptionDestinationTypeScte20PlusEmbedded)}},
	{"Dolby Atmos audio", "Codec", []string{string(mctypes.AudioCodecEac3Atmos)}},
}

// Unacceleratable lists the features of js that accelerated transcoding does not support, in
// a stable order; none means the job's settings allow acceleration.
func Unacceleratable(js JobSettings) []string {
	b, _ := json.Marshal(js)
	var tree any
	json.Unmarshal(b, &tree)
	found := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				for _, u := range unacceleratable {
					s, _ := x.(string)
					if k == u.setting && (u.values == nil || slices.Contains(u.values, s)) {
						found[u.feature] = true
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(tree)
	out := make([]string, 0, len(found))
	for f := range found {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// MinAcceleratedSeconds is the shortest source PREFERRED accelerates (see Acceleration).
const MinAcceleratedSeconds = 600

// Acceleration is the accelerated-transcoding mode for one job, given the mode asked for
// (PREFERRED, ENABLED or DISABLED): a job that cannot be accelerated never gets ENABLED, which
// would fail it. Audio-only jobs are never accelerated (MediaConvert accelerates no audio-only
// outputs); ENABLED becomes PREFERRED (accelerate when MediaConvert can, run at standard speed
// otherwise) for inputs outside MediaConvert's table and for jobs using a feature it cannot
// accelerate (Unacceleratable: ad breaks' ESAM and SCTE-35 passthrough, frame captures, ...).
//
// PREFERRED accelerates only sources of MinAcceleratedSeconds or longer: acceleration is billed
// at the Professional tier, and AWS advises it "for jobs that would otherwise take 10 minutes
// or longer to run" (https://docs.aws.amazon.com/mediaconvert/latest/ug/accelerated-transcoding.html);
// a shorter source runs DISABLED. ENABLED is the user's explicit choice and is kept where it can be.
func (s Spec) Acceleration(requested string, m Media, p Plan) string {
	s = s.WithDefaults()
	switch {
	case requested == "DISABLED" || len(p.Renditions) == 0:
		return "DISABLED"
	case requested != "ENABLED" && m.Duration > 0 && m.Duration < MinAcceleratedSeconds:
		return "DISABLED"
	case requested != "ENABLED":
		return "PREFERRED"
	case len(Unacceleratable(s.Settings("s3://source/input", "s3://output/", p))) > 0:
		return "PREFERRED"
	}
	if slices.Contains(acceleratedInputs[mctypes.Format(m.Container)], mctypes.Codec(m.VideoCodec)) {
		return "ENABLED"
	}
	return "PREFERRED"
}
