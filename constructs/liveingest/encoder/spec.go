package encoder

import (
	"fmt"

	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Preset is a ladder by its top rendition.
type Preset string

const (
	// HD1080 tops at 1920x1080 (six renditions). The default.
	HD1080 Preset = "HD1080"
	// HD720 tops at 1280x720 (five renditions).
	HD720 Preset = "HD720"
	// SD540 tops at 960x540 (four renditions).
	SD540 Preset = "SD540"
)

// Codec of the video renditions (shared with VoD: constructs/internal/encoding).
type Codec = encoding.Codec

const (
	// H264 is AVC, High profile. The default.
	H264 = encoding.H264
	// H265 is HEVC, Main profile: about 30% fewer bits at equal quality, for players that decode it.
	H265 = encoding.H265
)

// Presets, Codecs, InputCodecs, InputBitrates and InputResolutions list the allowed values.
var (
	Presets          = []Preset{HD1080, HD720, SD540}
	Codecs           = encoding.Codecs
	InputCodecs      = []string{"AVC", "HEVC", "MPEG2"}
	InputBitrates    = []string{"MAX_10_MBPS", "MAX_20_MBPS", "MAX_50_MBPS"}
	InputResolutions = []string{"SD", "HD", "UHD"}
	FrameRates       = []string{"25", "29.97", "30", "50", "59.94", "60"}
)

// Rendition is one video rung.
type Rendition struct {
	// Width and Height in pixels (even numbers).
	Width  int `json:"width"`
	Height int `json:"height"`
	// MaxBitrate caps the QVBR bit rate, in bits per second.
	MaxBitrate int `json:"maxBitrate"`
	// QVBRLevel is the QVBR quality level, 1-10. Default: 7 (8 for 1080p and up).
	QVBRLevel int `json:"qvbrLevel,omitempty"`
}

// ladders are the presets' H.264 rungs, after Apple's HLS authoring specification (live,
// so a little below the VoD caps).
var ladders = map[Preset][]Rendition{
	HD1080: {{1920, 1080, 6_000_000, 8}, {1280, 720, 3_000_000, 7}, {960, 540, 2_000_000, 7}, {768, 432, 1_100_000, 7}, {640, 360, 730_000, 7}, {480, 270, 365_000, 7}},
	HD720:  {{1280, 720, 3_000_000, 7}, {960, 540, 2_000_000, 7}, {768, 432, 1_100_000, 7}, {640, 360, 730_000, 7}, {480, 270, 365_000, 7}},
	SD540:  {{960, 540, 2_000_000, 7}, {768, 432, 1_100_000, 7}, {640, 360, 730_000, 7}, {480, 270, 365_000, 7}},
}

// Spec is a live channel's encoding. The zero value is every default.
type Spec struct {
	// Preset picks the ladder when Ladder is empty. Default: HD1080.
	Preset Preset `json:"preset,omitempty"`
	// Ladder replaces the preset's renditions, largest first. Default: the preset's.
	Ladder []Rendition `json:"ladder,omitempty"`
	// Codec of the video. Default: H264 (with H265 the preset's caps are 30% lower).
	Codec Codec `json:"codec,omitempty"`
	// FrameRate of the outputs, one of FrameRates. Default: "30".
	FrameRate string `json:"frameRate,omitempty"`
	// GOPSeconds is the (closed) keyframe interval; it must divide SegmentSeconds. Default: 2.
	GOPSeconds int `json:"gopSeconds,omitempty"`
	// SegmentSeconds is the length of the segments sent to MediaPackage. Default: 6.
	SegmentSeconds int `json:"segmentSeconds,omitempty"`
	// AudioBitrate of the AAC-LC stereo track, 64000-320000 b/s. Default: 128000.
	AudioBitrate int `json:"audioBitrate,omitempty"`
	// InputCodec, InputMaximumBitrate and InputResolution are the input specification: what
	// the input carries, which MediaLive uses "for billing and resource allocation purposes"
	// (https://docs.aws.amazon.com/medialive/latest/ug/input-specification.html). It describes
	// the feed, not the ladder: a 540p ladder from an HD feed still needs HD. Default: AVC,
	// MAX_20_MBPS and HD (UHD when the ladder's top rendition is taller than 1080 lines).
	InputCodec          string `json:"inputCodec,omitempty"`
	InputMaximumBitrate string `json:"inputMaximumBitrate,omitempty"`
	InputResolution     string `json:"inputResolution,omitempty"`
	// Captions maps the feed's 608 channels to caption tracks (see Captions). Default: CC1 in
	// English.
	Captions Captions `json:"captions,omitempty"`
	// AudioLanguages are ISO 639-2 languages of the feed's audio tracks, each an AAC rendition
	// of its own (in its own CMAF ingest stream), the first the default. Default: none: one
	// rendition of the feed's first audio track.
	AudioLanguages []string `json:"audioLanguages,omitempty"`
	// AudioPIDs select AudioLanguages' tracks of a transport-stream feed by PID, one per
	// language in the same order (AWS's advice for TS: "identify by PID",
	// https://docs.aws.amazon.com/medialive/latest/ug/input-audio-selectors.html). Default: by
	// the tracks' language descriptors.
	AudioPIDs []int `json:"audioPids,omitempty"`
}

// WithDefaults returns s with every zero field set to its default.
func (s Spec) WithDefaults() Spec {
	if s.Preset == "" {
		s.Preset = HD1080
	}
	if s.Codec == "" {
		s.Codec = H264
	}
	if len(s.Ladder) == 0 {
		s.Ladder = append([]Rendition(nil), ladders[s.Preset]...)
		if s.Codec == H265 {
			for i := range s.Ladder {
				s.Ladder[i].MaxBitrate = encoding.HEVCBitrate(s.Ladder[i].MaxBitrate)
			}
		}
	} else {
		s.Ladder = append([]Rendition(nil), s.Ladder...)
	}
	for i := range s.Ladder {
		if s.Ladder[i].QVBRLevel == 0 {
			s.Ladder[i].QVBRLevel = encoding.QVBRLevel
			if s.Ladder[i].Height >= 1080 { // live's HD renditions one level up
				s.Ladder[i].QVBRLevel = 8
			}
		}
	}
	if s.FrameRate == "" {
		s.FrameRate = "30"
	}
	if s.GOPSeconds == 0 {
		s.GOPSeconds = encoding.GOPSeconds
	}
	if s.SegmentSeconds == 0 {
		s.SegmentSeconds = encoding.SegmentSeconds
	}
	if s.AudioBitrate == 0 {
		s.AudioBitrate = encoding.AudioBitrate
	}
	if s.InputCodec == "" {
		s.InputCodec = "AVC"
	}
	if s.InputMaximumBitrate == "" {
		s.InputMaximumBitrate = "MAX_20_MBPS"
	}
	if s.InputResolution == "" {
		s.InputResolution = string(mltypes.InputResolutionHd)
		if len(s.Ladder) > 0 && s.Ladder[0].Height > maxHeight[string(mltypes.InputResolutionHd)] {
			s.InputResolution = string(mltypes.InputResolutionUhd)
		}
	}
	return s
}

// maxHeight is the tallest video an input resolution class carries.
var maxHeight = map[string]int{"SD": 576, "HD": 1080, "UHD": 2160}

// inputBitrate is the bit rate an input specification's class allows, in b/s.
var inputBitrate = map[string]int{"MAX_10_MBPS": 10_000_000, "MAX_20_MBPS": 20_000_000, "MAX_50_MBPS": 50_000_000}

// Limits of the values Validate accepts.
const (
	MinSide       = 32
	MaxWidth      = 3840
	MaxHeight     = 2160
	MinBitrate    = 100_000
	MaxBitrate    = 40_000_000
	MaxRenditions = 10
)

func bad(field string, v any, problem string, args ...any) error {
	return validate.Invalid("encoder", field, v, problem, args...)
}

// Validate checks s (after defaults) and names the field, the value and what is allowed.
func (s Spec) Validate() error {
	s = s.WithDefaults()
	for _, err := range []error{validate.OneOf("encoder", "Preset", s.Preset, Presets), validate.OneOf("encoder", "Codec", s.Codec, Codecs),
		validate.OneOf("encoder", "FrameRate", s.FrameRate, FrameRates), validate.OneOf("encoder", "InputCodec", s.InputCodec, InputCodecs),
		validate.OneOf("encoder", "InputMaximumBitrate", s.InputMaximumBitrate, InputBitrates), validate.OneOf("encoder", "InputResolution", s.InputResolution, InputResolutions)} {
		if err != nil {
			return err
		}
	}
	if len(s.Ladder) > MaxRenditions {
		return bad("Ladder", validate.NoValue, "has %d renditions; at most %d are allowed", len(s.Ladder), MaxRenditions)
	}
	seen := map[string]bool{}
	for i, r := range s.Ladder {
		f := fmt.Sprintf("Ladder[%d]", i)
		if r.Width < MinSide || r.Width > MaxWidth || r.Width%2 != 0 {
			return bad(f+".Width", r.Width, "is not allowed; use an even number of pixels from %d to %d", MinSide, MaxWidth)
		}
		if r.Height < MinSide || r.Height > MaxHeight || r.Height%2 != 0 {
			return bad(f+".Height", r.Height, "is not allowed; use an even number of pixels from %d to %d", MinSide, MaxHeight)
		}
		if err := validate.InRange("encoder", f+".MaxBitrate", r.MaxBitrate, MinBitrate, MaxBitrate, "bits per second", false); err != nil {
			return err
		}
		if err := encoding.CheckQVBRLevel("encoder", f+".QVBRLevel", r.QVBRLevel); err != nil {
			return err
		}
		if name := videoName(r); seen[name] {
			return bad(f, validate.NoValue, "repeats %dx%d at %d b/s; each rendition must differ", r.Width, r.Height, r.MaxBitrate)
		} else {
			seen[name] = true
		}
		if i > 0 {
			p := s.Ladder[i-1]
			if r.Height > p.Height || (r.Height == p.Height && r.MaxBitrate >= p.MaxBitrate) {
				return bad(f, validate.NoValue, "is not below {Ladder[%d]}; list renditions largest first (height, then bit rate)", i-1)
			}
		}
	}
	if len(s.Ladder) > 0 {
		top := s.Ladder[0]
		if top.Height > maxHeight[s.InputResolution] {
			return bad("Ladder[0].Height", top.Height, "is taller than the input specification allows ({InputResolution} %s carries at most %d lines); raise InputResolution or lower the ladder", s.InputResolution, maxHeight[s.InputResolution])
		}
		if top.MaxBitrate > inputBitrate[s.InputMaximumBitrate] {
			return bad("Ladder[0].MaxBitrate", top.MaxBitrate, "is above the input's own bit rate ({InputMaximumBitrate} %s); encoding above the source only wastes bits", s.InputMaximumBitrate)
		}
	}
	if err := s.validateTracks(); err != nil {
		return err
	}
	if err := s.EncoderSettings("check").CheckReferences(); err != nil {
		return bad("Ladder", validate.NoValue, "gives encoder settings MediaLive would reject: %v", err)
	}
	if err := s.EncoderSettings("check").CheckSelectors(s.Inputs()); err != nil {
		return bad("Captions", string(s.Captions), "gives input selectors MediaLive would reject: %v", err)
	}
	if err := encoding.CheckTiming("encoder", s.SegmentSeconds, s.GOPSeconds); err != nil {
		return err
	}
	return encoding.CheckAudioBitrate("encoder", s.AudioBitrate)
}

// videoName names a rendition's video description (and output).
func videoName(r Rendition) string {
	return fmt.Sprintf("video_%dx%d_%dk", r.Width, r.Height, r.MaxBitrate/1000)
}
