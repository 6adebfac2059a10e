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
	// CaptionSelectors pick the embedded captions and read the sidecar caption files.
	CaptionSelectors map[string]CaptionSelector `json:"CaptionSelectors,omitempty"`
}

// VideoSelector picks and orients the source video.
type VideoSelector struct {
	Rotate string `json:"Rotate"`
}

// AudioSelector picks the source audio: tracks of the source, or of a sidecar audio file.
type AudioSelector struct {
	DefaultSelection       string `json:"DefaultSelection"`
	SelectorType           string `json:"SelectorType,omitempty"`
	Tracks                 []int  `json:"Tracks,omitempty"`
	ExternalAudioFileInput string `json:"ExternalAudioFileInput,omitempty"`
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
	// CaptionLanguageSetting INSERT lists the embedded 608 channels as CLOSED-CAPTIONS in the
	// manifest, from CaptionLanguageMappings.
	CaptionLanguageSetting  string                   `json:"CaptionLanguageSetting,omitempty"`
	CaptionLanguageMappings []CaptionLanguageMapping `json:"CaptionLanguageMappings,omitempty"`
	// CaptionSegmentLengthControl MATCH_VIDEO cuts WebVTT segments as the video's.
	CaptionSegmentLengthControl string `json:"CaptionSegmentLengthControl,omitempty"`
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
	// AdditionalManifests are manifest pairs (HLS and DASH) that list a subset of the outputs.
	AdditionalManifests []AdditionalManifest `json:"AdditionalManifests,omitempty"`
}

// FileGroupSettings writes plain files.
type FileGroupSettings struct {
	Destination string `json:"Destination"`
}

// Output is one rendition (or one track, in CMAF).
type Output struct {
	NameModifier        string               `json:"NameModifier,omitempty"`
	Extension           string               `json:"Extension,omitempty"`
	ContainerSettings   ContainerSettings    `json:"ContainerSettings"`
	VideoDescription    *VideoDescription    `json:"VideoDescription,omitempty"`
	AudioDescriptions   []AudioDescription   `json:"AudioDescriptions,omitempty"`
	CaptionDescriptions []CaptionDescription `json:"CaptionDescriptions,omitempty"`
	OutputSettings      *OutputSettings      `json:"OutputSettings,omitempty"`
}

// ContainerSettings names the container.
type ContainerSettings struct {
	Container    string        `json:"Container"`
	M3u8Settings *M3u8Settings `json:"M3u8Settings,omitempty"`
	CmfcSettings *CmfcSettings `json:"CmfcSettings,omitempty"`
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
	AudioSourceName     string             `json:"AudioSourceName"`
	CodecSettings       AudioCodecSettings `json:"CodecSettings"`
	LanguageCodeControl string             `json:"LanguageCodeControl,omitempty"`
	LanguageCode        string             `json:"LanguageCode,omitempty"`
	CustomLanguageCode  string             `json:"CustomLanguageCode,omitempty"`
	// StreamName is the rendition's NAME in HLS manifests.
	StreamName string `json:"StreamName,omitempty"`
	// AudioTypeControl USE_CONFIGURED writes AudioType (ISO 639 audio_type) into TS outputs.
	AudioTypeControl string `json:"AudioTypeControl,omitempty"`
	AudioType        int    `json:"AudioType,omitempty"`
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

// Settings builds the job settings for one source. inputURL is s3://bucket/key; dest is
// s3://bucket/<base>/ (with the trailing slash).
func (s Spec) Settings(inputURL, dest string, p Plan) JobSettings {
	s = s.WithDefaults()
	in := Input{FileInput: inputURL, TimecodeSource: "ZEROBASED", VideoSelector: &VideoSelector{Rotate: "AUTO"},
		AudioSelectors: audioSelectors(p), CaptionSelectors: captionSelectors(p)}
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

// cmafGroup writes fragmented MP4 with HLS and DASH manifests, each track its own output:
// the video renditions, one output per audio rendition (in one rendition group when there
// are several) and, for each caption track (a forced one too, as a text track: CMAF takes no
// burn-in), a WebVTT output (for HLS) and an IMSC1 output (for DASH), which the per-format
// manifests (HLSManifestModifier) keep apart.
func (s Spec) cmafGroup(dest string, p Plan) OutputGroup {
	g := OutputGroup{Name: "CMAF", OutputGroupSettings: OutputGroupSettings{Type: "CMAF_GROUP_SETTINGS",
		CMAFGroupSettings: &CMAFGroupSettings{Destination: dest + "cmaf/index", SegmentLength: s.SegmentSeconds,
			FragmentLength: s.GOPSeconds, SegmentControl: "SEGMENTED_FILES", WriteHlsManifest: "ENABLED",
			WriteDashManifest: "ENABLED", MpdProfile: "MAIN_PROFILE", ManifestDurationFormat: "FLOATING_POINT"}}}
	groups := len(p.Audio) > 1
	var media []string // the video and audio outputs, which both per-format manifests list
	for _, r := range p.Renditions {
		o := Output{NameModifier: modifier(r), ContainerSettings: ContainerSettings{Container: "CMFC"}, VideoDescription: s.video(r, p)}
		if groups {
			o.ContainerSettings.CmfcSettings = &CmfcSettings{AudioRenditionSets: audioGroupID}
		}
		g.Outputs, media = append(g.Outputs, o), append(media, o.NameModifier)
	}
	for i, a := range p.Audio {
		o := Output{NameModifier: audioModifier(p, i), ContainerSettings: ContainerSettings{Container: "CMFC"}, AudioDescriptions: []AudioDescription{s.audio(p, i)}}
		if groups {
			o.ContainerSettings.CmfcSettings = &CmfcSettings{AudioGroupID: audioGroupID, AudioTrackType: audioTrackType(p, i), DescriptiveVideoServiceFlag: dvsFlag(a)}
		}
		g.Outputs, media = append(g.Outputs, o), append(media, o.NameModifier)
	}
	var vtt, imsc []string
	// Every track, a forced one too: MediaConvert lists no burn-in for CMAF outputs, only IMSC
	// and WebVTT ("Supported input captions", CMAF tables,
	// https://docs.aws.amazon.com/mediaconvert/latest/ug/captions-support-tables-by-container-type.html).
	for i := range p.Captions {
		v := Output{NameModifier: captionModifier(p, i, "vtt"), ContainerSettings: ContainerSettings{Container: "CMFC"}, CaptionDescriptions: []CaptionDescription{captionOutput(p, i, mctypes.CaptionDestinationTypeWebvtt)}}
		m := Output{NameModifier: captionModifier(p, i, "imsc"), ContainerSettings: ContainerSettings{Container: "CMFC"}, CaptionDescriptions: []CaptionDescription{captionOutput(p, i, mctypes.CaptionDestinationTypeImsc)}}
		g.Outputs = append(g.Outputs, v, m)
		vtt, imsc = append(vtt, v.NameModifier), append(imsc, m.NameModifier)
	}
	if len(vtt) > 0 {
		g.OutputGroupSettings.CMAFGroupSettings.AdditionalManifests = []AdditionalManifest{
			{ManifestNameModifier: HLSManifestModifier, SelectedOutputs: append(append([]string(nil), media...), vtt...)},
			{ManifestNameModifier: DASHManifestModifier, SelectedOutputs: append(append([]string(nil), media...), imsc...)},
		}
	}
	return g
}

// hlsGroup writes HLS with TS segments: audio muxed into each rendition (or, with several audio
// renditions, an audio rendition group), embedded 608 captions kept in the video and listed as
// CLOSED-CAPTIONS, a WebVTT rendition per caption track, ad cues with cues.
func (s Spec) hlsGroup(dest string, p Plan, cues bool) OutputGroup {
	gs := &HLSGroupSettings{Destination: dest + "hls/index", SegmentLength: s.SegmentSeconds,
		MinSegmentLength: 0, SegmentControl: "SEGMENTED_FILES", OutputSelection: "MANIFESTS_AND_SEGMENTS",
		ProgramDateTime: "EXCLUDE", ManifestCompression: "NONE", ManifestDurationFormat: "FLOATING_POINT"}
	g := OutputGroup{Name: "HLS", OutputGroupSettings: OutputGroupSettings{Type: "HLS_GROUP_SETTINGS", HLSGroupSettings: gs}}
	ts := ContainerSettings{Container: "M3U8"}
	if cues {
		// The ESAM signals become cues in the HLS manifests; without the MCC's dataPassThrough
		// they are not written into the segments (MediaConvert's ESAM guide): manifest cues are
		// what MediaTailor (and MediaPackage VOD's PASSTHROUGH) read.
		gs.AdMarkers = []string{string(mctypes.HlsAdMarkersElemental)}
		ts.M3u8Settings = &M3u8Settings{Scte35Source: string(mctypes.M3u8Scte35SourcePassthrough)}
	}
	gs.CaptionLanguageSetting, gs.CaptionLanguageMappings = closedCaptions(p)
	demux := len(p.Audio) > 1
	for _, r := range p.Renditions {
		o := Output{NameModifier: modifier(r), ContainerSettings: ts, VideoDescription: s.video(r, p), CaptionDescriptions: s.inVideo(p)}
		if demux {
			o.OutputSettings = &OutputSettings{HlsSettings: &HlsSettings{AudioRenditionSets: audioGroupID}}
		} else if p.HasAudio {
			o.AudioDescriptions = []AudioDescription{s.audio(p, 0)}
		}
		g.Outputs = append(g.Outputs, o)
	}
	if demux || len(p.Renditions) == 0 {
		for i, a := range p.Audio {
			o := Output{NameModifier: audioModifier(p, i), ContainerSettings: ts, AudioDescriptions: []AudioDescription{s.audio(p, i)}}
			if demux && len(p.Renditions) > 0 {
				o.OutputSettings = &OutputSettings{HlsSettings: &HlsSettings{AudioGroupID: audioGroupID, AudioTrackType: audioTrackType(p, i),
					AudioOnlyContainer: string(mctypes.HlsAudioOnlyContainerM2ts), DescriptiveVideoServiceFlag: dvsFlag(a)}}
			}
			g.Outputs = append(g.Outputs, o)
		}
	}
	for i, c := range p.Captions {
		if !p.burnsIn(c) && len(p.Renditions) > 0 {
			gs.CaptionSegmentLengthControl = string(mctypes.HlsCaptionSegmentLengthControlMatchVideo)
			g.Outputs = append(g.Outputs, Output{NameModifier: captionModifier(p, i, "vtt"), ContainerSettings: ContainerSettings{Container: "M3U8"},
				CaptionDescriptions: []CaptionDescription{captionOutput(p, i, mctypes.CaptionDestinationTypeWebvtt)}})
		}
	}
	return g
}

// mp4Group writes one progressive MP4 per rendition (an M4A without video), with every audio
// rendition as a track (the default first) and embedded 608 captions kept in the video.
func (s Spec) mp4Group(dest string, p Plan) OutputGroup {
	g := OutputGroup{Name: "MP4", OutputGroupSettings: OutputGroupSettings{Type: "FILE_GROUP_SETTINGS",
		FileGroupSettings: &FileGroupSettings{Destination: dest + "mp4/index"}}}
	var audio []AudioDescription
	for i := range p.Audio {
		audio = append(audio, s.audio(p, i))
	}
	for _, r := range p.Renditions {
		g.Outputs = append(g.Outputs, Output{NameModifier: modifier(r), Extension: "mp4", ContainerSettings: ContainerSettings{Container: "MP4"},
			VideoDescription: s.video(r, p), AudioDescriptions: audio, CaptionDescriptions: s.inVideo(p)})
	}
	if len(p.Renditions) == 0 {
		g.Outputs = append(g.Outputs, Output{NameModifier: "_audio", Extension: "m4a", ContainerSettings: ContainerSettings{Container: "MP4"}, AudioDescriptions: audio})
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

// audio encodes audio rendition i of the plan as AAC-LC stereo, with its language and name.
func (s Spec) audio(p Plan, i int) AudioDescription {
	d := AudioDescription{AudioSourceName: audioSelectorName(i), CodecSettings: AudioCodecSettings{Codec: "AAC",
		AacSettings: AacSettings{Bitrate: s.AudioBitrate, CodingMode: "CODING_MODE_2_0", SampleRate: 48000,
			CodecProfile: "LC", RateControlMode: "CBR"}}}
	a := p.Audio[i]
	if len(p.Audio) == 1 && a.Language == "" && a.Kind == MainAudio {
		return d // one track of unknown language: nothing to name
	}
	d.LanguageCodeControl = string(mctypes.AudioLanguageCodeControlUseConfigured)
	d.LanguageCode, d.CustomLanguageCode = languageCode(a.Language)
	d.StreamName = streamNames(p)[i]
	if a.Kind == DescribedVideo {
		d.AudioTypeControl, d.AudioType = string(mctypes.AudioTypeControlUseConfigured), audioTypeVisuallyImpaired
	}
	return d
}
