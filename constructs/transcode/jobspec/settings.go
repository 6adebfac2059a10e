package jobspec

import (
	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"

	"fmt"
	"math"
)

// The types below model the part of MediaConvert's JobSettings that StreamCDK writes. Field
// names and JSON keys follow the MediaConvert API in the PascalCase form Step Functions takes.

// JobSettings is MediaConvert's CreateJob Settings.
type JobSettings struct {
	Esam           *Esam          `json:"Esam,omitempty"`
	TimecodeConfig TimecodeConfig `json:"TimecodeConfig"`
	Inputs         []Input        `json:"Inputs"`
	OutputGroups   []OutputGroup  `json:"OutputGroups"`
}

// TimecodeConfig sets where output timecodes start.
type TimecodeConfig struct {
	Source string `json:"Source"`
}

// Input is one source file.
type Input struct {
	FileInput      string                   `json:"FileInput"`
	TimecodeSource string                   `json:"TimecodeSource"`
	VideoSelector  *VideoSelector           `json:"VideoSelector,omitempty"`
	AudioSelectors map[string]AudioSelector `json:"AudioSelectors,omitempty"`
}

// VideoSelector picks and orients the source video.
type VideoSelector struct {
	Rotate string `json:"Rotate"`
}

// AudioSelector picks the source audio.
type AudioSelector struct {
	DefaultSelection string `json:"DefaultSelection"`
}

// OutputGroup is one packaging of outputs.
type OutputGroup struct {
	Name                string              `json:"Name"`
	OutputGroupSettings OutputGroupSettings `json:"OutputGroupSettings"`
	Outputs             []Output            `json:"Outputs"`
}

// OutputGroupSettings holds the settings of the group's type.
type OutputGroupSettings struct {
	Type              string             `json:"Type"`
	HLSGroupSettings  *HLSGroupSettings  `json:"HlsGroupSettings,omitempty"`
	CMAFGroupSettings *CMAFGroupSettings `json:"CmafGroupSettings,omitempty"`
	FileGroupSettings *FileGroupSettings `json:"FileGroupSettings,omitempty"`
}

// HLSGroupSettings writes HLS with MPEG-TS segments.
type HLSGroupSettings struct {
	Destination            string `json:"Destination"`
	SegmentLength          int    `json:"SegmentLength"`
	MinSegmentLength       int    `json:"MinSegmentLength"`
	SegmentControl         string `json:"SegmentControl"`
	OutputSelection        string `json:"OutputSelection"`
	ProgramDateTime        string `json:"ProgramDateTime"`
	ManifestCompression    string `json:"ManifestCompression"`
	ManifestDurationFormat string `json:"ManifestDurationFormat"`
	// AdMarkers ELEMENTAL writes the SCTE-35 cues as #EXT-X-CUE-OUT / #EXT-X-CUE-IN.
	AdMarkers []string `json:"AdMarkers,omitempty"`
}

// CMAFGroupSettings writes fMP4 segments with HLS and DASH manifests.
type CMAFGroupSettings struct {
	Destination            string `json:"Destination"`
	SegmentLength          int    `json:"SegmentLength"`
	FragmentLength         int    `json:"FragmentLength"`
	SegmentControl         string `json:"SegmentControl"`
	WriteHlsManifest       string `json:"WriteHlsManifest"`
	WriteDashManifest      string `json:"WriteDashManifest"`
	MpdProfile             string `json:"MpdProfile"`
	ManifestDurationFormat string `json:"ManifestDurationFormat"`
}

// FileGroupSettings writes plain files.
type FileGroupSettings struct {
	Destination string `json:"Destination"`
}

// Output is one rendition (or one track, in CMAF).
type Output struct {
	NameModifier      string             `json:"NameModifier,omitempty"`
	Extension         string             `json:"Extension,omitempty"`
	ContainerSettings ContainerSettings  `json:"ContainerSettings"`
	VideoDescription  *VideoDescription  `json:"VideoDescription,omitempty"`
	AudioDescriptions []AudioDescription `json:"AudioDescriptions,omitempty"`
}

// ContainerSettings names the container.
type ContainerSettings struct {
	Container    string        `json:"Container"`
	M3u8Settings *M3u8Settings `json:"M3u8Settings,omitempty"`
}

// VideoDescription sizes and encodes the video.
type VideoDescription struct {
	Width              int                 `json:"Width"`
	Height             int                 `json:"Height"`
	ScalingBehavior    string              `json:"ScalingBehavior"`
	Sharpness          int                 `json:"Sharpness"`
	VideoPreprocessors *VideoPreprocessors `json:"VideoPreprocessors,omitempty"`
	CodecSettings      VideoCodecSettings  `json:"CodecSettings"`
}

// VideoPreprocessors run before encoding.
type VideoPreprocessors struct {
	Deinterlacer   *Deinterlacer   `json:"Deinterlacer,omitempty"`
	ColorCorrector *ColorCorrector `json:"ColorCorrector,omitempty"`
}

// Deinterlacer turns interlaced frames into progressive ones.
type Deinterlacer struct {
	Algorithm string `json:"Algorithm"`
	Mode      string `json:"Mode"`
	Control   string `json:"Control"`
}

// ColorCorrector converts the colour space (and tone-maps HDR to SDR).
type ColorCorrector struct {
	ColorSpaceConversion string `json:"ColorSpaceConversion"`
	HdrToSdrToneMapper   string `json:"HdrToSdrToneMapper,omitempty"`
}

// VideoCodecSettings selects the codec.
type VideoCodecSettings struct {
	Codec                string                `json:"Codec"`
	H264Settings         *H264Settings         `json:"H264Settings,omitempty"`
	H265Settings         *H265Settings         `json:"H265Settings,omitempty"`
	FrameCaptureSettings *FrameCaptureSettings `json:"FrameCaptureSettings,omitempty"`
}

// QvbrSettings sets the QVBR quality level.
type QvbrSettings struct {
	QvbrQualityLevel int `json:"QvbrQualityLevel"`
}

// RateControl holds the settings H.264 and H.265 share; it is embedded, so its fields appear
// at the codec settings' top level as MediaConvert expects.
type RateControl struct {
	RateControlMode    string       `json:"RateControlMode"`
	QvbrSettings       QvbrSettings `json:"QvbrSettings"`
	MaxBitrate         int          `json:"MaxBitrate"`
	GopSize            float64      `json:"GopSize"`
	GopSizeUnits       string       `json:"GopSizeUnits"`
	GopClosedCadence   int          `json:"GopClosedCadence"`
	CodecProfile       string       `json:"CodecProfile"`
	CodecLevel         string       `json:"CodecLevel"`
	SceneChangeDetect  string       `json:"SceneChangeDetect"`
	QualityTuningLevel string       `json:"QualityTuningLevel"`
	FramerateControl   string       `json:"FramerateControl"`
	ParControl         string       `json:"ParControl"`
}

// H264Settings encodes AVC.
type H264Settings struct {
	RateControl
}

// H265Settings encodes HEVC.
type H265Settings struct {
	RateControl
	WriteMp4PackagingType string `json:"WriteMp4PackagingType"`
}

// FrameCaptureSettings writes JPEG thumbnails.
type FrameCaptureSettings struct {
	FramerateNumerator   int `json:"FramerateNumerator"`
	FramerateDenominator int `json:"FramerateDenominator"`
	MaxCaptures          int `json:"MaxCaptures"`
	Quality              int `json:"Quality"`
}

// maxCaptures is MediaConvert's upper limit on a frame capture output's number of captures.
const maxCaptures = 10_000_000

// AudioDescription encodes one audio track.
type AudioDescription struct {
	AudioSourceName string             `json:"AudioSourceName"`
	CodecSettings   AudioCodecSettings `json:"CodecSettings"`
}

// AudioCodecSettings selects the audio codec.
type AudioCodecSettings struct {
	Codec       string      `json:"Codec"`
	AacSettings AacSettings `json:"AacSettings"`
}

// AacSettings encodes AAC-LC stereo.
type AacSettings struct {
	Bitrate         int    `json:"Bitrate"`
	CodingMode      string `json:"CodingMode"`
	SampleRate      int    `json:"SampleRate"`
	CodecProfile    string `json:"CodecProfile"`
	RateControlMode string `json:"RateControlMode"`
}

const audioSelector = "Audio Selector 1"

// Settings builds the job settings for one source. inputURL is s3://bucket/key; dest is
// s3://bucket/<base>/ (with the trailing slash).
func (s Spec) Settings(inputURL, dest string, p Plan) JobSettings {
	s = s.WithDefaults()
	in := Input{FileInput: inputURL, TimecodeSource: "ZEROBASED", VideoSelector: &VideoSelector{Rotate: "AUTO"}}
	if p.HasAudio {
		in.AudioSelectors = map[string]AudioSelector{audioSelector: {DefaultSelection: "DEFAULT"}}
	}
	js := JobSettings{TimecodeConfig: TimecodeConfig{Source: "ZEROBASED"}, Inputs: []Input{in}}
	cues := len(p.AdBreaks) > 0 && s.Has(HLS)
	if cues {
		js.Esam = esam(p.AdBreaks)
	}
	if s.Has(CMAF) {
		js.OutputGroups = append(js.OutputGroups, s.cmafGroup(dest, p))
	}
	if s.Has(HLS) {
		js.OutputGroups = append(js.OutputGroups, s.hlsGroup(dest, p, cues))
	}
	if s.Has(MP4) {
		js.OutputGroups = append(js.OutputGroups, s.mp4Group(dest, p))
	}
	if s.Has(Thumbnails) && len(p.Renditions) > 0 {
		js.OutputGroups = append(js.OutputGroups, s.thumbnailGroup(dest, p))
	}
	return js
}

// cmafGroup writes fragmented MP4 with HLS and DASH manifests, each track its own output.
func (s Spec) cmafGroup(dest string, p Plan) OutputGroup {
	g := OutputGroup{Name: "CMAF", OutputGroupSettings: OutputGroupSettings{Type: "CMAF_GROUP_SETTINGS",
		CMAFGroupSettings: &CMAFGroupSettings{Destination: dest + "cmaf/index", SegmentLength: s.SegmentSeconds,
			FragmentLength: s.GOPSeconds, SegmentControl: "SEGMENTED_FILES", WriteHlsManifest: "ENABLED",
			WriteDashManifest: "ENABLED", MpdProfile: "MAIN_PROFILE", ManifestDurationFormat: "FLOATING_POINT"}}}
	// CMAF carries each track in its own output.
	for _, r := range p.Renditions {
		g.Outputs = append(g.Outputs, Output{NameModifier: modifier(r), ContainerSettings: ContainerSettings{Container: "CMFC"}, VideoDescription: s.video(r, p)})
	}
	if p.HasAudio {
		g.Outputs = append(g.Outputs, Output{NameModifier: "_audio", ContainerSettings: ContainerSettings{Container: "CMFC"}, AudioDescriptions: s.audio()})
	}
	return g
}

// hlsGroup writes HLS with TS segments, audio muxed into each rendition, ad cues with cues.
func (s Spec) hlsGroup(dest string, p Plan, cues bool) OutputGroup {
	g := OutputGroup{Name: "HLS", OutputGroupSettings: OutputGroupSettings{Type: "HLS_GROUP_SETTINGS",
		HLSGroupSettings: &HLSGroupSettings{Destination: dest + "hls/index", SegmentLength: s.SegmentSeconds,
			MinSegmentLength: 0, SegmentControl: "SEGMENTED_FILES", OutputSelection: "MANIFESTS_AND_SEGMENTS",
			ProgramDateTime: "EXCLUDE", ManifestCompression: "NONE", ManifestDurationFormat: "FLOATING_POINT"}}}
	ts := ContainerSettings{Container: "M3U8"}
	if cues {
		// The ESAM signals become cues in the HLS manifests; without the MCC's dataPassThrough
		// they are not written into the segments (MediaConvert's ESAM guide): manifest cues are
		// what MediaTailor (and MediaPackage VOD's PASSTHROUGH) read.
		g.OutputGroupSettings.HLSGroupSettings.AdMarkers = []string{string(mctypes.HlsAdMarkersElemental)}
		ts.M3u8Settings = &M3u8Settings{Scte35Source: string(mctypes.M3u8Scte35SourcePassthrough)}
	}
	for _, r := range p.Renditions {
		o := Output{NameModifier: modifier(r), ContainerSettings: ts, VideoDescription: s.video(r, p)}
		if p.HasAudio {
			o.AudioDescriptions = s.audio()
		}
		g.Outputs = append(g.Outputs, o)
	}
	if len(p.Renditions) == 0 {
		g.Outputs = append(g.Outputs, Output{NameModifier: "_audio", ContainerSettings: ts, AudioDescriptions: s.audio()})
	}
	return g
}

// mp4Group writes one progressive MP4 per rendition (an M4A without video).
func (s Spec) mp4Group(dest string, p Plan) OutputGroup {
	g := OutputGroup{Name: "MP4", OutputGroupSettings: OutputGroupSettings{Type: "FILE_GROUP_SETTINGS",
		FileGroupSettings: &FileGroupSettings{Destination: dest + "mp4/index"}}}
	for _, r := range p.Renditions {
		o := Output{NameModifier: modifier(r), Extension: "mp4", ContainerSettings: ContainerSettings{Container: "MP4"}, VideoDescription: s.video(r, p)}
		if p.HasAudio {
			o.AudioDescriptions = s.audio()
		}
		g.Outputs = append(g.Outputs, o)
	}
	if len(p.Renditions) == 0 {
		g.Outputs = append(g.Outputs, Output{NameModifier: "_audio", Extension: "m4a", ContainerSettings: ContainerSettings{Container: "MP4"}, AudioDescriptions: s.audio()})
	}
	return g
}

// thumbnailGroup captures JPEG frames every ThumbnailSeconds.
func (s Spec) thumbnailGroup(dest string, p Plan) OutputGroup {
	// Thumbnails at the largest rendition no bigger than 720p: enough for posters and
	// scrubbing previews without 4K JPEGs.
	top := p.Renditions[len(p.Renditions)-1]
	for _, r := range p.Renditions {
		if min(r.Width, r.Height) <= 720 {
			top = r
			break
		}
	}
	return OutputGroup{Name: "Thumbnails", OutputGroupSettings: OutputGroupSettings{Type: "FILE_GROUP_SETTINGS",
		FileGroupSettings: &FileGroupSettings{Destination: dest + "thumbnails/thumb"}},
		Outputs: []Output{{Extension: "jpg", ContainerSettings: ContainerSettings{Container: "RAW"}, VideoDescription: &VideoDescription{
			Width: top.Width, Height: top.Height, ScalingBehavior: "DEFAULT", Sharpness: 50, VideoPreprocessors: preprocessors(p),
			CodecSettings: VideoCodecSettings{Codec: "FRAME_CAPTURE", FrameCaptureSettings: &FrameCaptureSettings{
				FramerateNumerator: 1, FramerateDenominator: s.ThumbnailSeconds, MaxCaptures: s.captures(p), Quality: 80}}}}}}
}

func modifier(r Size) string {
	return fmt.Sprintf("_%dx%d_%dk", r.Width, r.Height, r.MaxBitrate/1000)
}

// captures is the number of thumbnails a source gets: one every ThumbnailSeconds from 0, or
// MediaConvert's maximum when the duration is unknown.
func (s Spec) captures(p Plan) int {
	if p.DurationSeconds <= 0 {
		return maxCaptures
	}
	return min(maxCaptures, int(math.Floor(p.DurationSeconds/float64(s.ThumbnailSeconds)))+1)
}

// preprocessors deinterlace (adaptively: progressive frames pass untouched; mpg, m2ts and mxf
// sources are often interlaced) and, for HDR sources, tone-map to SDR BT.709, which is what
// the 8-bit H.264 and H.265 Main renditions carry.
func preprocessors(p Plan) *VideoPreprocessors {
	vp := &VideoPreprocessors{Deinterlacer: &Deinterlacer{Algorithm: "INTERPOLATE", Mode: "ADAPTIVE", Control: "NORMAL"}}
	if p.ToneMap {
		vp.ColorCorrector = &ColorCorrector{ColorSpaceConversion: "FORCE_709", HdrToSdrToneMapper: "PRESERVE_DETAILS"}
	}
	return vp
}

func (s Spec) video(r Size, p Plan) *VideoDescription {
	vd := &VideoDescription{Width: r.Width, Height: r.Height, ScalingBehavior: "DEFAULT", Sharpness: 50, VideoPreprocessors: preprocessors(p)}
	rc := RateControl{RateControlMode: "QVBR", QvbrSettings: QvbrSettings{r.QVBRLevel}, MaxBitrate: r.MaxBitrate,
		GopSize: float64(s.GOPSeconds), GopSizeUnits: "SECONDS", GopClosedCadence: 1, CodecProfile: "HIGH", CodecLevel: "AUTO",
		SceneChangeDetect: "TRANSITION_DETECTION", QualityTuningLevel: "SINGLE_PASS_HQ",
		FramerateControl: "INITIALIZE_FROM_SOURCE", ParControl: "INITIALIZE_FROM_SOURCE"}
	if s.Codec == H265 {
		rc.CodecProfile = "MAIN_MAIN"
		// hvc1 sample entries: Apple players require them for HEVC.
		vd.CodecSettings = VideoCodecSettings{Codec: "H_265", H265Settings: &H265Settings{RateControl: rc, WriteMp4PackagingType: "HVC1"}}
		return vd
	}
	vd.CodecSettings = VideoCodecSettings{Codec: "H_264", H264Settings: &H264Settings{RateControl: rc}}
	return vd
}

func (s Spec) audio() []AudioDescription {
	return []AudioDescription{{AudioSourceName: audioSelector, CodecSettings: AudioCodecSettings{Codec: "AAC",
		AacSettings: AacSettings{Bitrate: s.AudioBitrate, CodingMode: "CODING_MODE_2_0", SampleRate: 48000,
			CodecProfile: "LC", RateControlMode: "CBR"}}}}
}
