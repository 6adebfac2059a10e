// Package encoding holds the encoding rules VoD (MediaConvert, package jobspec) and Live
// (MediaLive, package encoder) share: the codecs, the HEVC bit-rate factor, the QVBR, GOP,
// segment and AAC defaults and the checks on them. It is pure Go: no CDK, no AWS calls.
package encoding

import "github.com/streamcdk/streamcdk/constructs/validate"

// Codec is a video codec, spelled as both MediaConvert's and MediaLive's settings spell it.
type Codec string

const (
	// H264 is AVC, High profile, the most compatible choice. The default.
	H264 Codec = "H_264"
	// H265 is HEVC, Main profile: about 30% fewer bits at equal quality, for players that
	// decode it; HLS carries it only in fragmented MP4 (constructs/internal/hls).
	H265 Codec = "H_265"
)

// Codecs lists the codecs, for callers that accept them in any case.
var Codecs = []Codec{H264, H265}

// Defaults of both services' ladders.
const (
	// QVBRLevel is the QVBR quality level (1-10) a rendition gets when none is given.
	QVBRLevel = 7
	// GOPSeconds is the (closed) keyframe interval.
	GOPSeconds = 2
	// SegmentSeconds is the segment length: Apple's HLS Authoring Specification recommends 6 s
	// (https://developer.apple.com/documentation/http-live-streaming/hls-authoring-specification-for-apple-devices).
	SegmentSeconds = 6
	// AudioBitrate is the AAC-LC stereo bit rate, bits per second.
	AudioBitrate = 128000
)

// AudioBitrates are the AAC-LC stereo bit rates offered, bits per second: each is in
// MediaConvert's list of AacSettings Bitrate values
// (https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-aacsettings-bitrate);
// MediaLive's AacSettings Bitrate documents no list, only that valid values depend on the rate
// control mode and profile (https://docs.aws.amazon.com/medialive/latest/apireference/channels.html).
var AudioBitrates = []int{64000, 96000, 128000, 160000, 192000, 256000, 320000}

// HEVCBitrate is the cap an HEVC rendition gets for an AVC rendition's cap: HEVC reaches the same
// quality at roughly 30% less bit rate, so the caps are lowered (to a multiple of 10 kb/s) for
// players to see, and pick, realistic bandwidths.
func HEVCBitrate(avc int) int { return avc * 7 / 10 / 10000 * 10000 }

// MinSegmentSeconds and MaxSegmentSeconds bound a segment's length: MediaPackage v2's endpoint
// segments take 1 to 30 seconds, the narrowest range of the services a segment passes through.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-mediapackagev2-originendpoint-segment.html
const MinSegmentSeconds, MaxSegmentSeconds = 1, 30

// CheckSegment checks a segment length (0, the default, passes when zeroIsDefault); the error
// names pkg's SegmentSeconds field.
func CheckSegment(pkg string, seconds int, zeroIsDefault bool) error {
	return validate.InRange(pkg, "SegmentSeconds", seconds, MinSegmentSeconds, MaxSegmentSeconds, "seconds", zeroIsDefault)
}

// MinQVBRLevel and MaxQVBRLevel bound the QVBR quality level in both services.
// https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-h264qvbrsettings-qvbrqualitylevel
// https://docs.aws.amazon.com/medialive/latest/apireference/channels.html (H264Settings QvbrQualityLevel)
const MinQVBRLevel, MaxQVBRLevel = 1, 10

// CheckQVBRLevel checks a rendition's QVBR quality level; the error names field of pkg.
func CheckQVBRLevel(pkg, field string, level int) error {
	return validate.InRange(pkg, field, level, MinQVBRLevel, MaxQVBRLevel, "", false)
}

// CheckTiming checks the segment length and that the GOP divides it, so that every segment
// starts on a keyframe, as Apple's HLS Authoring Specification asks of every segment
// (https://developer.apple.com/documentation/http-live-streaming/hls-authoring-specification-for-apple-devices);
// errors name pkg's SegmentSeconds and GOPSeconds fields.
func CheckTiming(pkg string, segmentSeconds, gopSeconds int) error {
	if err := CheckSegment(pkg, segmentSeconds, false); err != nil {
		return err
	}
	if gopSeconds < 1 || gopSeconds > segmentSeconds || segmentSeconds%gopSeconds != 0 {
		return validate.Invalid(pkg, "GOPSeconds", gopSeconds, "is not allowed; use a whole number of seconds that divides {SegmentSeconds} (%d)", segmentSeconds)
	}
	return nil
}

// CheckAudioBitrate checks an AAC bit rate against AudioBitrates; the error names pkg's
// AudioBitrate field.
func CheckAudioBitrate(pkg string, bitrate int) error {
	return validate.IntIn(pkg, "AudioBitrate", bitrate, AudioBitrates, "bits per second")
}
