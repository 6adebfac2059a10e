package jobspec

import (
	"fmt"
	"path"
	"strings"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
)

// Media is what a probe found in the source.
type Media struct {
	Container  string  `json:"container,omitempty"`
	Duration   float64 `json:"durationSeconds,omitempty"`
	FileSize   int64   `json:"fileSize"`
	Width      int     `json:"width,omitempty"`
	Height     int     `json:"height,omitempty"`
	FrameRate  float64 `json:"frameRate,omitempty"`
	VideoCodec string  `json:"videoCodec,omitempty"`
	AudioCodec string  `json:"audioCodec,omitempty"`
	HasVideo   bool    `json:"hasVideo"`
	HasAudio   bool    `json:"hasAudio"`
	// Transfer and Primaries are the video's colour transfer characteristics and primaries as
	// Probe names them (aws-sdk-go-v2 mediaconvert types.TransferCharacteristics and
	// types.ColorPrimaries, e.g. SMPTE_2084 and ITU_2020 for HDR10).
	Transfer  string `json:"transfer,omitempty"`
	Primaries string `json:"primaries,omitempty"`
	// AudioTracks are the source's audio tracks in order; a source with HasAudio and none
	// listed has one, of unknown language.
	AudioTracks []SourceAudio `json:"audioTracks,omitempty"`
	// CaptionTracks are the caption tracks Probe found (608/708 embedded, WebVTT).
	CaptionTracks []SourceCaptions `json:"captionTracks,omitempty"`
}

// HDR reports whether the video is high dynamic range: a PQ (SMPTE ST 2084) or HLG (ARIB
// STD-B67) transfer, or BT.2020 primaries, in Probe's values (VideoProperties,
// https://docs.aws.amazon.com/mediaconvert/latest/apireference/probe.html).
func (m Media) HDR() bool {
	switch mctypes.TransferCharacteristics(m.Transfer) {
	case mctypes.TransferCharacteristicsSmpte2084, mctypes.TransferCharacteristicsAribB67:
		return true
	}
	return mctypes.ColorPrimaries(m.Primaries) == mctypes.ColorPrimariesItu2020
}

// MediaConvert's limits on output frame sizes, in pixels a side: at least MinFrameSide, and at
// most MaxFrameSide (HEVC's 8192x4320), less for AVC (MaxFrame).
const (
	MinFrameSide = 32
	MaxFrameSide = 8192
)

// MaxFrame is the largest landscape output frame MediaConvert encodes in codec (portrait: the
// same turned), from "Supported output resolution maximums by codec"
// (https://docs.aws.amazon.com/mediaconvert/latest/ug/supported-output-resolution-maximums-by-codec.html):
// AVC 4096x2160 or 2160x4096, HEVC 8192x4320 or 4320x8192.
func MaxFrame(codec Codec) (long, short int) {
	if codec == H265 {
		return 8192, 4320
	}
	return 4096, 2160
}

// Rejection is a source the pipeline refuses, with the reason shown to users.
type Rejection struct{ Reason string }

// Error returns the reason.
func (r *Rejection) Error() string { return r.Reason }

// Throttled is an error of the prepare function worth retrying (a throttled or failing Probe or
// S3 call); the workflow retries it with backoff. Both error types reach Step Functions under
// their Go type names (transcode.FunctionErrorType).
type Throttled struct{ Err error }

// Error returns the underlying error's message.
func (t *Throttled) Error() string { return t.Err.Error() }

// Size is one planned video rendition.
type Size struct {
	Width      int `json:"width"`
	Height     int `json:"height"`
	MaxBitrate int `json:"maxBitrate"`
	QVBRLevel  int `json:"qvbrLevel"`
}

// Plan is what a job will produce for one source.
type Plan struct {
	// Layout is "landscape", "portrait" or "audio-only".
	Layout string `json:"layout"`
	// Renditions are the video sizes, largest first; empty for audio-only sources.
	Renditions []Size `json:"renditions"`
	// HasAudio says whether the outputs carry an audio track.
	HasAudio bool `json:"hasAudio"`
	// ToneMap says the source is HDR: the (8-bit, BT.709) outputs are tone-mapped to SDR.
	ToneMap bool `json:"toneMap,omitempty"`
	// DurationSeconds is the source's duration as probed (0 when unknown).
	DurationSeconds float64 `json:"durationSeconds,omitempty"`
	// AdBreaks are the mid-roll positions (seconds) cued in this title's HLS manifests: the
	// spec's positions before the source's end.
	AdBreaks []int `json:"adBreaks,omitempty"`
	// Audio are the audio renditions, the default first; empty when HasAudio is false.
	Audio []AudioTrack `json:"audio,omitempty"`
	// Captions are the caption and subtitle tracks; a Forced one is burned into the TS and MP4
	// pictures and a text track in CMAF.
	Captions []CaptionTrack `json:"captions,omitempty"`
	// Notes say what of the spec this source could not have (e.g. an audio language it lacks).
	Notes []string `json:"notes,omitempty"`
}

// Plan picks the renditions for a source: never larger than the source (no upscaling), oriented
// like it, with the long side following its aspect ratio; audio-only sources get audio outputs.
// Its audio renditions and caption tracks come from the source's tracks (Spec.Audio and
// Spec.Captions) and the sidecar files named in the title's metadata.
func (s Spec) Plan(m Media, sidecars ...Sidecar) (Plan, error) {
	p, err := s.planVideo(m)
	if err != nil {
		return Plan{}, err
	}
	return s.planTracks(p, m, sidecars)
}

func (s Spec) planVideo(m Media) (Plan, error) {
	s = s.WithDefaults()
	switch {
	case m.FileSize <= 0:
		return Plan{}, &Rejection{"the source file is empty"}
	case !m.HasVideo && !m.HasAudio:
		return Plan{}, &Rejection{"the source has no video or audio track"}
	case !m.HasVideo:
		return Plan{Layout: "audio-only", HasAudio: true, Renditions: []Size{}, DurationSeconds: m.Duration, AdBreaks: adBreaksWithin(s.AdBreaks, m.Duration)}, nil
	case m.Width <= 0 || m.Height <= 0:
		return Plan{}, &Rejection{fmt.Sprintf("the video track has no usable resolution (%dx%d)", m.Width, m.Height)}
	}
	short, long := m.Height, m.Width
	p := Plan{Layout: "landscape", HasAudio: m.HasAudio, ToneMap: m.HDR(), DurationSeconds: m.Duration, AdBreaks: adBreaksWithin(s.AdBreaks, m.Duration)}
	if m.Height > m.Width {
		short, long = m.Width, m.Height
		p.Layout = "portrait"
	}
	if short < MinFrameSide {
		return Plan{}, &Rejection{fmt.Sprintf("the video is too small to encode (%dx%d); MediaConvert needs at least %d pixels a side", m.Width, m.Height, MinFrameSide)}
	}
	var rungs []Rendition
	for _, r := range s.Ladder {
		if r.ShortSide <= short {
			rungs = append(rungs, r)
		}
	}
	if len(rungs) == 0 {
		// Smaller than the smallest rung: one rendition at the source size.
		low := s.Ladder[len(s.Ladder)-1]
		rungs = []Rendition{{ShortSide: short &^ 1, MaxBitrate: low.MaxBitrate, QVBRLevel: low.QVBRLevel}}
	}
	maxLong, maxShort := MaxFrame(s.Codec)
	for _, r := range rungs {
		sh := r.ShortSide
		l := even(float64(sh) * float64(long) / float64(short))
		if l > maxLong || sh > maxShort {
			// A panoramic or very large source: keep the aspect ratio inside the codec's largest frame.
			f := min(float64(maxLong)/float64(l), float64(maxShort)/float64(sh))
			l, sh = min(maxLong, even(float64(l)*f)), max(MinFrameSide, min(maxShort, even(float64(sh)*f)))
		}
		sz := Size{Width: l, Height: sh, MaxBitrate: r.MaxBitrate, QVBRLevel: r.QVBRLevel}
		if p.Layout == "portrait" {
			sz.Width, sz.Height = sh, l
		}
		p.Renditions = append(p.Renditions, sz)
	}
	return p, nil
}

func even(x float64) int {
	n := int(x/2+0.5) * 2
	if n < 2 {
		n = 2
	}
	return n
}

// ReservedFolders are the top folders the VoD distribution routes elsewhere than to the
// renditions: the player page (/player/*), MediaTailor (/v1/*, /tm/*) and MediaPackage VOD
// (/out/v1/*). A title whose output folder starts with one would be served from there, not
// played; test/ checks the list against the distribution's behaviours.
var ReservedFolders = []string{"player/", "v1/", "tm/", "out/"}

// CheckOutputBase refuses an output folder the distribution does not serve from the outputs.
func CheckOutputBase(base string) error {
	for _, r := range ReservedFolders {
		if strings.HasPrefix(base+"/", r) {
			return &Rejection{fmt.Sprintf("its output folder %s/ starts with %s, which the distribution routes to its %s, not to the renditions: upload it under another folder", base, r, reservedFor[r])}
		}
	}
	return nil
}

var reservedFor = map[string]string{"player/": "player page", "v1/": "ad insertion (MediaTailor)", "tm/": "ad segments (MediaTailor)", "out/": "MediaPackage VOD packaging"}

// OutputBase is the folder a source's outputs go to: its key without the watched prefix, the
// extension's dot made a hyphen, e.g. "uploads/show/ep1.mov" with prefix "uploads/" ->
// "show/ep1-mov". Two sources that differ only in extension (ep1.mp4, ep1.mov) get two folders:
// neither overwrites the other's renditions. Distinct keys give distinct folders: an accepted
// extension has no hyphen, so the last hyphen of a folder tells where the extension began.
func OutputBase(key, prefix string) string {
	k := strings.Trim(strings.TrimPrefix(key, prefix), "/")
	ext := path.Ext(k)
	k = strings.TrimSuffix(k, ext)
	if k == "" || strings.HasSuffix(k, "/") {
		k += "source"
	}
	if ext != "" {
		k += "-" + ext[1:]
	}
	return k
}

// Outputs are the keys (relative to the output bucket) of what a job writes.
type Outputs struct {
	HLSManifest  string `json:"hlsManifest,omitempty"`
	CMAFHLS      string `json:"cmafHlsManifest,omitempty"`
	CMAFDASH     string `json:"cmafDashManifest,omitempty"`
	MP4Folder    string `json:"mp4Folder,omitempty"`
	ThumbsFolder string `json:"thumbnailsFolder,omitempty"`
}

// OutputKeys lists the manifest keys and folders for a base folder.
func (s Spec) OutputKeys(base string, p Plan) Outputs {
	s = s.WithDefaults()
	var o Outputs
	if s.Has(HLS) {
		o.HLSManifest = base + "/hls/index.m3u8"
	}
	if s.Has(CMAF) {
		o.CMAFHLS = base + "/cmaf/index.m3u8"
		o.CMAFDASH = base + "/cmaf/index.mpd"
		if p.hasTextTracks() {
			// The per-format manifests: WebVTT for HLS, IMSC1 for DASH (HLSManifestModifier).
			o.CMAFHLS = base + "/cmaf/index" + HLSManifestModifier + ".m3u8"
			o.CMAFDASH = base + "/cmaf/index" + DASHManifestModifier + ".mpd"
		}
	}
	if s.Has(MP4) {
		o.MP4Folder = base + "/mp4/"
	}
	if s.Has(Thumbnails) && p.Layout != "audio-only" {
		o.ThumbsFolder = base + "/thumbnails/"
	}
	return o
}
