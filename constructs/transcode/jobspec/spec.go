package jobspec

import (
	"fmt"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
	"github.com/streamcdk/streamcdk/constructs/internal/hls"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Codec is the video codec of the renditions (shared with Live: constructs/internal/encoding).
type Codec = encoding.Codec

const (
	// H264 is AVC, High profile, the most compatible choice. The default.
	H264 = encoding.H264
	// H265 is HEVC, Main profile (hvc1), about 30-40% smaller at equal quality; CMAF only.
	H265 = encoding.H265
)

// Format is one kind of output.
type Format string

const (
	// CMAF writes fragmented-MP4 segments with both an HLS (index.m3u8) and a DASH (index.mpd)
	// manifest under <base>/cmaf/. The default.
	CMAF Format = "CMAF"
	// HLS writes HLS with MPEG-TS segments under <base>/hls/ (the input MediaPackage VOD ingests).
	HLS Format = "HLS"
	// MP4 writes one progressive MP4 per rendition under <base>/mp4/.
	MP4 Format = "MP4"
	// Thumbnails writes JPEG frame captures under <base>/thumbnails/.
	Thumbnails Format = "THUMBNAILS"
)

// Rendition is one rung of the ladder. Sizes are given by the short side, so one ladder serves
// landscape, portrait and non-16:9 sources: the long side follows the source's aspect ratio.
type Rendition struct {
	// ShortSide is the height of a landscape rendition (the width of a portrait one), in pixels.
	ShortSide int `json:"shortSide"`
	// MaxBitrate caps the QVBR bit rate, in bits per second.
	MaxBitrate int `json:"maxBitrate"`
	// QVBRLevel is the QVBR quality level, 1-10. Default: 7.
	QVBRLevel int `json:"qvbrLevel,omitempty"`
}

// DefaultLadder is StreamCDK's H.264 ladder, top to bottom; README.md compares it with Apple's
// HLS authoring specification and the AWS VoD solution.
var DefaultLadder = []Rendition{
	{ShortSide: 2160, MaxBitrate: 16_000_000, QVBRLevel: 9},
	{ShortSide: 1440, MaxBitrate: 10_000_000, QVBRLevel: 8},
	{ShortSide: 1080, MaxBitrate: 7_800_000, QVBRLevel: 8},
	{ShortSide: 720, MaxBitrate: 4_500_000, QVBRLevel: 7},
	{ShortSide: 540, MaxBitrate: 2_000_000, QVBRLevel: 7},
	{ShortSide: 432, MaxBitrate: 1_100_000, QVBRLevel: 7},
	{ShortSide: 360, MaxBitrate: 730_000, QVBRLevel: 7},
	{ShortSide: 270, MaxBitrate: 365_000, QVBRLevel: 7},
}

// Spec is the encoding specification. The zero value is every default.
type Spec struct {
	// Ladder lists the renditions, largest first. Default: DefaultLadder (with H265, its bit
	// rate caps lowered by 30%).
	Ladder []Rendition `json:"ladder,omitempty"`
	// Codec of the video renditions. Default: H264.
	Codec Codec `json:"codec,omitempty"`
	// Formats to write. Default: [CMAF] (HLS and DASH).
	Formats []Format `json:"formats,omitempty"`
	// SegmentSeconds is the HLS/DASH segment duration. Default: 6 (Apple's recommendation).
	SegmentSeconds int `json:"segmentSeconds,omitempty"`
	// GOPSeconds is the keyframe interval; it must divide SegmentSeconds. Default: 2.
	GOPSeconds int `json:"gopSeconds,omitempty"`
	// AudioBitrate of the AAC-LC stereo track, bits per second. Default: 128000.
	AudioBitrate int `json:"audioBitrate,omitempty"`
	// ThumbnailSeconds is the interval between thumbnails (THUMBNAILS format). Default: 10.
	ThumbnailSeconds int `json:"thumbnailSeconds,omitempty"`
	// AdBreaks are mid-roll positions, in whole seconds from the start, ascending, at least a
	// segment apart. Each becomes an SCTE-35 signal (MediaConvert's ESAM) and a cue in the HLS
	// (TS) manifests, where an ad inserter (MediaTailor) puts a break; positions at or past a
	// source's end are dropped. MediaConvert writes cues into HLS (TS) manifests only, so they
	// need HLS in Formats. Default: none.
	AdBreaks []int `json:"adBreaks,omitempty"`
	// Captions chooses the caption tracks made from captions embedded in the source: "" (the
	// default) carries what the source has, CaptionsOff none, or channels such as
	// "CC1:eng:English,CC3:spa:Espanol" (see Captions). They become WebVTT renditions in HLS
	// and CMAF HLS, IMSC1 in DASH, and stay CEA-608 in the video of HLS (TS) and MP4 outputs.
	Captions Captions `json:"captions,omitempty"`
	// Audio chooses the source's audio tracks that become audio renditions: "" (the default)
	// every track, AudioFirst the first, or languages such as "eng,spa" (see AudioTracks).
	Audio AudioTracks `json:"audio,omitempty"`
}

// Limits of the values Validate accepts.
const (
	MinShortSide  = 144
	MaxShortSide  = 2160
	MinBitrate    = 50_000
	MaxBitrate    = 40_000_000
	MaxRenditions = 10
)

// WithDefaults returns s with every zero field set to its default.
func (s Spec) WithDefaults() Spec {
	if len(s.Ladder) == 0 {
		s.Ladder = append([]Rendition(nil), DefaultLadder...)
		if s.Codec == H265 {
			// HEVC reaches the same quality at roughly 30% less bit rate: lower the caps so
			// that players see (and pick) realistic bandwidths.
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
		}
	}
	if s.Codec == "" {
		s.Codec = H264
	}
	if len(s.Formats) == 0 {
		s.Formats = []Format{CMAF}
	}
	if s.SegmentSeconds == 0 {
		s.SegmentSeconds = encoding.SegmentSeconds
	}
	if s.GOPSeconds == 0 {
		s.GOPSeconds = encoding.GOPSeconds
	}
	if s.AudioBitrate == 0 {
		s.AudioBitrate = encoding.AudioBitrate
	}
	if s.ThumbnailSeconds == 0 {
		s.ThumbnailSeconds = 10
	}
	return s
}

// Has reports whether the format is among s.Formats.
func (s Spec) Has(f Format) bool {
	for _, g := range s.Formats {
		if g == f {
			return true
		}
	}
	return false
}

// TransportStreamRule says why HEVC renditions have no HLS (TS) output (constructs/internal/hls).
const TransportStreamRule = hls.TransportStreamRule

// Codecs and Formats list the allowed values, for callers that accept them in any case.
var (
	Codecs  = encoding.Codecs
	Formats = []Format{CMAF, HLS, MP4, Thumbnails}
)

// Validate checks s (after defaults). Its error is a *validate.Error naming the field (relative
// to Spec), the value and what is allowed.
func (s Spec) Validate() error {
	s = s.WithDefaults()
	bad := func(field string, v any, problem string, args ...any) error {
		return validate.Invalid("jobspec", field, v, problem, args...)
	}
	if err := validate.OneOf("jobspec", "Codec", s.Codec, encoding.Codecs); err != nil {
		return err
	}
	seen := map[Format]bool{}
	for i, f := range s.Formats {
		field := fmt.Sprintf("Formats[%d]", i)
		switch f {
		case CMAF, HLS, MP4, Thumbnails:
		default:
			return bad(field, string(f), "is not allowed; use %s, %s, %s or %s", CMAF, HLS, MP4, Thumbnails)
		}
		if seen[f] {
			return bad(field, string(f), "is listed twice")
		}
		seen[f] = true
	}
	if !seen[CMAF] && !seen[HLS] && !seen[MP4] {
		return bad("Formats", formatNames(s.Formats), "has no video output; add %s, %s or %s", CMAF, HLS, MP4)
	}
	if seen[HLS] && !hls.TransportStreamAllowed(s.Codec == H265) {
		return bad("Formats", formatNames(s.Formats), "is not allowed with {Codec} %s: %s; use %s instead of %s", H265, hls.TransportStreamRule, CMAF, HLS)
	}
	if len(s.Ladder) > MaxRenditions {
		return bad("Ladder", validate.NoValue, "has %d renditions; at most %d are allowed", len(s.Ladder), MaxRenditions)
	}
	for i, r := range s.Ladder {
		field := fmt.Sprintf("Ladder[%d]", i)
		if r.ShortSide < MinShortSide || r.ShortSide > MaxShortSide || r.ShortSide%2 != 0 {
			return bad(field+".ShortSide", r.ShortSide, "is not allowed; use an even number of pixels from %d to %d", MinShortSide, MaxShortSide)
		}
		if err := validate.InRange("jobspec", field+".MaxBitrate", r.MaxBitrate, MinBitrate, MaxBitrate, "bits per second", false); err != nil {
			return err
		}
		if err := encoding.CheckQVBRLevel("jobspec", field+".QVBRLevel", r.QVBRLevel); err != nil {
			return err
		}
		if i > 0 {
			p := s.Ladder[i-1]
			if r.ShortSide > p.ShortSide || (r.ShortSide == p.ShortSide && r.MaxBitrate >= p.MaxBitrate) {
				return bad(field, validate.NoValue, "is not below {Ladder[%d]}; list renditions largest first (short side, then bit rate)", i-1)
			}
		}
	}
	if err := encoding.CheckTiming("jobspec", s.SegmentSeconds, s.GOPSeconds); err != nil {
		return err
	}
	if err := encoding.CheckAudioBitrate("jobspec", s.AudioBitrate); err != nil {
		return err
	}
	if err := validate.InRange("jobspec", "ThumbnailSeconds", s.ThumbnailSeconds, 1, 3600, "seconds", false); err != nil {
		return err
	}
	if err := s.validateAdBreaks(); err != nil {
		return err
	}
	return s.validateTracks()
}

func (s Spec) validateAdBreaks() error {
	if len(s.AdBreaks) == 0 {
		return nil
	}
	if !s.Has(HLS) {
		return validate.Invalid("jobspec", "AdBreaks", s.AdBreaks, "needs HLS in {Formats}: MediaConvert writes cue markers into HLS (TS) manifests only (with CMAF or DASH alone, mid-rolls come from a VMAP ad response)")
	}
	if len(s.AdBreaks) > MaxAdBreaks {
		return validate.Invalid("jobspec", "AdBreaks", validate.NoValue, "has %d positions; at most %d are allowed", len(s.AdBreaks), MaxAdBreaks)
	}
	for i, b := range s.AdBreaks {
		field := fmt.Sprintf("AdBreaks[%d]", i)
		if err := validate.InRange("jobspec", field, b, 1, MaxAdBreakSecond, "seconds", false); err != nil {
			return err
		}
		if i > 0 && b-s.AdBreaks[i-1] < s.SegmentSeconds {
			return validate.Invalid("jobspec", field, b, "is less than a segment ({SegmentSeconds}, %d s) after {AdBreaks[%d]}; list positions in ascending order, a segment apart or more", s.SegmentSeconds, i-1)
		}
	}
	return nil
}

func formatNames(fs []Format) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}
