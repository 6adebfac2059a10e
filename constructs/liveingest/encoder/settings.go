package encoder

import (
	"fmt"
	"strconv"
	"strings"
)

// The types below model the part of MediaLive's EncoderSettings that StreamCDK writes, with
// the API's (and CloudFormation's) PascalCase names.

// EncoderSettings is a channel's encoding.
type EncoderSettings struct {
	AvailConfiguration  *AvailConfiguration  `json:"AvailConfiguration,omitempty"`
	GlobalConfiguration *GlobalConfiguration `json:"GlobalConfiguration,omitempty"`
	TimecodeConfig      TimecodeConfig       `json:"TimecodeConfig"`
	AudioDescriptions   []AudioDescription   `json:"AudioDescriptions"`
	CaptionDescriptions []CaptionDescription `json:"CaptionDescriptions,omitempty"`
	VideoDescriptions   []VideoDescription   `json:"VideoDescriptions"`
	OutputGroups        []OutputGroup        `json:"OutputGroups"`
}

// GlobalConfiguration holds the channel-wide output locking mode.
type GlobalConfiguration struct {
	OutputLockingMode string `json:"OutputLockingMode,omitempty"`
}

// EpochLocking is the output locking mode of epoch-locked channels: "lock the pipelines using
// the Unix epoch as the reference" (https://docs.aws.amazon.com/medialive/latest/ug/pipeline-lock.html),
// so that two Regions' channels with the same settings make the same segments.
const EpochLocking = "EPOCH_LOCKING"

// AvailConfiguration says how MediaLive reads the source's SCTE-35 ad avails.
type AvailConfiguration struct {
	AvailSettings AvailSettings `json:"AvailSettings"`
}

// AvailSettings picks the SCTE-35 mode.
type AvailSettings struct {
	Scte35SpliceInsert *Scte35SpliceInsert `json:"Scte35SpliceInsert,omitempty"`
}

// Scte35SpliceInsert is splice-insert mode: splice_insert messages are avails; the flags say
// whether the message's own restrictions (regional blackout, web delivery) are obeyed.
type Scte35SpliceInsert struct {
	NoRegionalBlackoutFlag string `json:"NoRegionalBlackoutFlag"`
	WebDeliveryAllowedFlag string `json:"WebDeliveryAllowedFlag"`
}

// TimecodeConfig sets the timecode source.
type TimecodeConfig struct {
	Source string `json:"Source"`
}

// AudioDescription encodes one audio track.
type AudioDescription struct {
	Name                string             `json:"Name"`
	AudioSelectorName   string             `json:"AudioSelectorName"`
	AudioTypeControl    string             `json:"AudioTypeControl"`
	LanguageCodeControl string             `json:"LanguageCodeControl"`
	LanguageCode        string             `json:"LanguageCode,omitempty"`
	StreamName          string             `json:"StreamName,omitempty"`
	CodecSettings       AudioCodecSettings `json:"CodecSettings"`
}

// AudioCodecSettings selects the audio codec.
type AudioCodecSettings struct {
	AacSettings AacSettings `json:"AacSettings"`
}

// AacSettings encodes AAC-LC stereo.
type AacSettings struct {
	Bitrate         float64 `json:"Bitrate"`
	CodingMode      string  `json:"CodingMode"`
	InputType       string  `json:"InputType"`
	Profile         string  `json:"Profile"`
	RateControlMode string  `json:"RateControlMode"`
	RawFormat       string  `json:"RawFormat"`
	SampleRate      float64 `json:"SampleRate"`
	Spec            string  `json:"Spec"`
}

// VideoDescription sizes and encodes one rendition.
type VideoDescription struct {
	Name            string             `json:"Name"`
	Width           int                `json:"Width"`
	Height          int                `json:"Height"`
	RespondToAfd    string             `json:"RespondToAfd"`
	ScalingBehavior string             `json:"ScalingBehavior"`
	Sharpness       int                `json:"Sharpness"`
	CodecSettings   VideoCodecSettings `json:"CodecSettings"`
}

// VideoCodecSettings selects the codec.
type VideoCodecSettings struct {
	H264Settings *H264Settings `json:"H264Settings,omitempty"`
	H265Settings *H265Settings `json:"H265Settings,omitempty"`
}

// Rate holds what H.264 and H.265 share; embedded, its fields sit at the codec settings' top level.
type Rate struct {
	RateControlMode      string `json:"RateControlMode"`
	MaxBitrate           int    `json:"MaxBitrate"`
	QvbrQualityLevel     int    `json:"QvbrQualityLevel"`
	GopSize              int    `json:"GopSize"`
	GopSizeUnits         string `json:"GopSizeUnits"`
	GopClosedCadence     int    `json:"GopClosedCadence"`
	FramerateNumerator   int    `json:"FramerateNumerator"`
	FramerateDenominator int    `json:"FramerateDenominator"`
	SceneChangeDetect    string `json:"SceneChangeDetect"`
	AdaptiveQuantization string `json:"AdaptiveQuantization"`
	LookAheadRateControl string `json:"LookAheadRateControl"`
	AfdSignaling         string `json:"AfdSignaling"`
	ColorMetadata        string `json:"ColorMetadata"`
	TimecodeInsertion    string `json:"TimecodeInsertion"`
}

// H264Settings encodes AVC.
type H264Settings struct {
	Rate
	FramerateControl string `json:"FramerateControl"`
	ParControl       string `json:"ParControl"`
	Profile          string `json:"Profile"`
	Level            string `json:"Level"`
	EntropyEncoding  string `json:"EntropyEncoding"`
	GopBReference    string `json:"GopBReference"`
	GopNumBFrames    int    `json:"GopNumBFrames"`
}

// H265Settings encodes HEVC.
type H265Settings struct {
	Rate
	Profile string `json:"Profile"`
	Level   string `json:"Level"`
	Tier    string `json:"Tier"`
}

// OutputGroup sends outputs to one destination.
type OutputGroup struct {
	Name                string              `json:"Name"`
	OutputGroupSettings OutputGroupSettings `json:"OutputGroupSettings"`
	Outputs             []Output            `json:"Outputs"`
}

// OutputGroupSettings holds the group type's settings.
type OutputGroupSettings struct {
	CMAFIngestGroupSettings *CMAFIngestGroupSettings `json:"CmafIngestGroupSettings,omitempty"`
}

// CMAFIngestGroupSettings sends CMAF segments to MediaPackage v2's ingest endpoints.
type CMAFIngestGroupSettings struct {
	Destination        DestinationRef `json:"Destination"`
	SegmentLength      int            `json:"SegmentLength"`
	SegmentLengthUnits string         `json:"SegmentLengthUnits"`
	Scte35Type         string         `json:"Scte35Type"`
	NielsenId3Behavior string         `json:"NielsenId3Behavior"`
}

// DestinationRef names a channel destination.
type DestinationRef struct {
	DestinationRefId string `json:"DestinationRefId"`
}

// Output is one stream of a group.
type Output struct {
	OutputName              string         `json:"OutputName"`
	VideoDescriptionName    string         `json:"VideoDescriptionName,omitempty"`
	AudioDescriptionNames   []string       `json:"AudioDescriptionNames,omitempty"`
	CaptionDescriptionNames []string       `json:"CaptionDescriptionNames,omitempty"`
	OutputSettings          OutputSettings `json:"OutputSettings"`
}

// OutputSettings holds the output type's settings.
type OutputSettings struct {
	CMAFIngestOutputSettings *CMAFIngestOutputSettings `json:"CmafIngestOutputSettings,omitempty"`
}

// CMAFIngestOutputSettings names one CMAF ingest stream.
type CMAFIngestOutputSettings struct {
	NameModifier string `json:"NameModifier"`
}

// InputSpecification is what MediaLive reserves (and bills) for the input.
type InputSpecification struct {
	Codec          string `json:"Codec"`
	MaximumBitrate string `json:"MaximumBitrate"`
	Resolution     string `json:"Resolution"`
}

// AudioSelector is the name of the input's audio selector the audio description reads.
const AudioSelector = "default"

const audioName = "audio_aac"

// framerates are FrameRates as numerator/denominator.
var framerates = map[string][2]int{"25": {25, 1}, "29.97": {30000, 1001}, "30": {30, 1}, "50": {50, 1}, "59.94": {60000, 1001}, "60": {60, 1}}

// InputSpecification returns the input specification of s.
func (s Spec) InputSpec() InputSpecification {
	s = s.WithDefaults()
	return InputSpecification{Codec: s.InputCodec, MaximumBitrate: s.InputMaximumBitrate, Resolution: s.InputResolution}
}

// EncoderSettings writes the channel's encoding: one video description per rendition, one AAC
// description, and a CMAF ingest group (to destination) with one output per stream, as
// MediaPackage v2 ingest takes them (one stream type per output).
func (s Spec) EncoderSettings(destination string) EncoderSettings {
	s = s.WithDefaults()
	// SCTE-35 from the source is kept end to end (nothing happens when a source has none):
	// splice-insert avails following the message's flags, passed into the CMAF ingest below.
	es := EncoderSettings{TimecodeConfig: TimecodeConfig{Source: "SYSTEMCLOCK"},
		AvailConfiguration: &AvailConfiguration{AvailSettings: AvailSettings{Scte35SpliceInsert: &Scte35SpliceInsert{NoRegionalBlackoutFlag: "FOLLOW", WebDeliveryAllowedFlag: "FOLLOW"}}}}
	es.AudioDescriptions, es.CaptionDescriptions = s.audioDescriptions(), s.captionDescriptions()
	group := OutputGroup{Name: "mediapackage", OutputGroupSettings: OutputGroupSettings{CMAFIngestGroupSettings: &CMAFIngestGroupSettings{
		Destination: DestinationRef{DestinationRefId: destination}, SegmentLength: s.SegmentSeconds, SegmentLengthUnits: "SECONDS",
		Scte35Type: "SCTE_35_WITHOUT_SEGMENTATION", NielsenId3Behavior: "NO_PASSTHROUGH"}}}
	fr := framerates[s.FrameRate]
	for _, r := range s.Ladder {
		name := videoName(r)
		rate := Rate{RateControlMode: "QVBR", MaxBitrate: r.MaxBitrate, QvbrQualityLevel: r.QVBRLevel, GopSize: s.GOPSeconds, GopSizeUnits: "SECONDS",
			GopClosedCadence: 1, FramerateNumerator: fr[0], FramerateDenominator: fr[1], SceneChangeDetect: "ENABLED", AdaptiveQuantization: "AUTO",
			LookAheadRateControl: "HIGH", AfdSignaling: "NONE", ColorMetadata: "INSERT", TimecodeInsertion: "DISABLED"}
		vd := VideoDescription{Name: name, Width: r.Width, Height: r.Height, RespondToAfd: "NONE", ScalingBehavior: "DEFAULT", Sharpness: 50}
		if s.Codec == H265 {
			vd.CodecSettings.H265Settings = &H265Settings{Rate: rate, Profile: "MAIN", Level: "H265_LEVEL_AUTO", Tier: "HIGH"}
		} else {
			vd.CodecSettings.H264Settings = &H264Settings{Rate: rate, FramerateControl: "SPECIFIED", ParControl: "INITIALIZE_FROM_SOURCE", Profile: "HIGH", Level: "H264_LEVEL_AUTO",
				EntropyEncoding: "CABAC", GopBReference: "ENABLED", GopNumBFrames: 3}
		}
		es.VideoDescriptions = append(es.VideoDescriptions, vd)
		group.Outputs = append(group.Outputs, Output{OutputName: name, VideoDescriptionName: name,
			OutputSettings: OutputSettings{CMAFIngestOutputSettings: &CMAFIngestOutputSettings{NameModifier: "_" + strconv.Itoa(r.Height) + "p" + strconv.Itoa(r.MaxBitrate/1000)}}})
	}
	// CMAF ingest: "Each audio encode is in a separate output", and sidecar captions too: "Each
	// encode is in its own output" (https://docs.aws.amazon.com/medialive/latest/ug/design-cmafi-package.html).
	for _, a := range es.AudioDescriptions {
		modifier := "_audio"
		if a.LanguageCode != "" {
			modifier += "_" + a.LanguageCode
		}
		group.Outputs = append(group.Outputs, Output{OutputName: a.Name, AudioDescriptionNames: []string{a.Name},
			OutputSettings: OutputSettings{CMAFIngestOutputSettings: &CMAFIngestOutputSettings{NameModifier: modifier}}})
	}
	for _, c := range es.CaptionDescriptions {
		group.Outputs = append(group.Outputs, Output{OutputName: c.Name, CaptionDescriptionNames: []string{c.Name},
			OutputSettings: OutputSettings{CMAFIngestOutputSettings: &CMAFIngestOutputSettings{NameModifier: "_" + c.Name}}})
	}
	es.OutputGroups = []OutputGroup{group}
	return es
}

// CheckReferences finds what MediaLive rejects at channel creation: an output naming a
// description that does not exist, a description no output uses, and repeated names.
func (es EncoderSettings) CheckReferences() error {
	videos, err := nameSet("video description", es.VideoDescriptions, func(v VideoDescription) string { return v.Name })
	if err != nil {
		return err
	}
	audios, err := nameSet("audio description", es.AudioDescriptions, func(a AudioDescription) string { return a.Name })
	if err != nil {
		return err
	}
	captions, err := nameSet("caption description", es.CaptionDescriptions, func(c CaptionDescription) string { return c.Name })
	if err != nil {
		return err
	}
	used := map[string]bool{}
	outputs := map[string]bool{}
	for _, g := range es.OutputGroups {
		for _, o := range g.Outputs {
			if outputs[o.OutputName] {
				return fmt.Errorf("output name %q is used twice", o.OutputName)
			}
			outputs[o.OutputName] = true
			if n := o.VideoDescriptionName; n != "" {
				if !videos[n] {
					return fmt.Errorf("output %q names video description %q, which does not exist", o.OutputName, n)
				}
				used[n] = true
			}
			for _, n := range o.AudioDescriptionNames {
				if !audios[n] {
					return fmt.Errorf("output %q names audio description %q, which does not exist", o.OutputName, n)
				}
				used[n] = true
			}
			for _, n := range o.CaptionDescriptionNames {
				if !captions[n] {
					return fmt.Errorf("output %q names caption description %q, which does not exist", o.OutputName, n)
				}
				used[n] = true
			}
			if o.VideoDescriptionName == "" && len(o.AudioDescriptionNames) == 0 && len(o.CaptionDescriptionNames) == 0 {
				return fmt.Errorf("output %q carries no stream", o.OutputName)
			}
		}
	}
	var unused []string
	for n := range videos {
		if !used[n] {
			unused = append(unused, n)
		}
	}
	for n := range audios {
		if !used[n] {
			unused = append(unused, n)
		}
	}
	for n := range captions {
		if !used[n] {
			unused = append(unused, n)
		}
	}
	if len(unused) > 0 {
		return fmt.Errorf("descriptions %s are referenced by no output", strings.Join(unused, ", "))
	}
	return nil
}

// nameSet is the set of the items' names, or an error naming the first that repeats.
func nameSet[T any](what string, items []T, name func(T) string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, it := range items {
		n := name(it)
		if set[n] {
			return nil, fmt.Errorf("%s %q is defined twice", what, n)
		}
		set[n] = true
	}
	return set, nil
}
