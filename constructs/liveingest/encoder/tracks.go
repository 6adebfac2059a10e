package encoder

import (
	"fmt"

	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Captions says what the channel carries of the CEA-608 captions in the feed (package
// encoding's form): "" (the default) CC1 in English (encoding.DefaultCaptionChannel), CaptionsOff
// none, or channels such as "CC1:eng:English,CC3:spa:Espanol". Each becomes a TTML track of the
// CMAF ingest, which MediaPackage v2 serves as WebVTT in HLS (TS and CMAF) and as TTML (IMSC1) in
// DASH. A feed without captions still runs: MediaLive omits captions it cannot find
// ("captions-channels-multi-input", https://docs.aws.amazon.com/medialive/latest/ug/captions-channels-multi-input.html).
type Captions = encoding.Captions

// CaptionsOff carries no captions.
const CaptionsOff = encoding.CaptionsOff

// CaptionChannel maps a 608 channel to a language and label.
type CaptionChannel = encoding.CaptionChannel

// DefaultCaptionChannel is what a channel carries when Captions is "": CC1 in English.
var DefaultCaptionChannel = encoding.DefaultCaptionChannel

// MaxAudioSelectors is MediaLive's limit of audio selectors in a channel
// (https://docs.aws.amazon.com/medialive/latest/ug/input-audio-selectors.html).
const MaxAudioSelectors = 20

// MinPID and MaxPID bound a transport-stream PID, as MediaLive's AudioPidSelection takes it
// (https://docs.aws.amazon.com/medialive/latest/apireference/channels.html#channels-prop-audiopidselection-pid).
const MinPID, MaxPID = 0, 8191

// captionChannels are the channels s carries (none when off).
func (s Spec) captionChannels() []encoding.CaptionChannel {
	if s.Captions.Is(CaptionsOff) {
		return nil
	}
	cs, _ := s.Captions.Channels()
	if cs == nil {
		return []encoding.CaptionChannel{encoding.DefaultCaptionChannel}
	}
	return cs
}

func captionSelectorName(c encoding.CaptionChannel) string { return fmt.Sprintf("cc%d", c.Channel) }
func captionName(c encoding.CaptionChannel) string {
	return fmt.Sprintf("captions_cc%d_%s", c.Channel, c.Language)
}
func audioSelectorName(lang string) string { return "audio_" + lang }
func audioDescriptionName(lang string) string {
	return audioName + "_" + lang
}

// validateTracks checks Captions, AudioLanguages and AudioPIDs.
func (s Spec) validateTracks() error {
	if err := s.Captions.Check("encoder", "Captions"); err != nil {
		return err
	}
	if len(s.AudioLanguages) > MaxAudioSelectors {
		return bad("AudioLanguages", validate.NoValue, "has %d languages; a MediaLive channel takes at most %d audio selectors", len(s.AudioLanguages), MaxAudioSelectors)
	}
	seen := map[string]bool{}
	for i, l := range s.AudioLanguages {
		f := fmt.Sprintf("AudioLanguages[%d]", i)
		if err := encoding.CheckLanguage("encoder", f, l); err != nil {
			return err
		}
		if seen[l] {
			return bad(f, l, "is listed twice")
		}
		seen[l] = true
	}
	if len(s.AudioPIDs) > 0 && len(s.AudioPIDs) != len(s.AudioLanguages) {
		return bad("AudioPIDs", validate.NoValue, "has %d PIDs for %d {AudioLanguages}; give one PID per language, in the same order", len(s.AudioPIDs), len(s.AudioLanguages))
	}
	for i, p := range s.AudioPIDs {
		if err := validate.InRange("encoder", fmt.Sprintf("AudioPIDs[%d]", i), p, MinPID, MaxPID, "", false); err != nil {
			return err
		}
	}
	return nil
}

// InputSettings are the selectors of the channel's input attachment, with MediaLive's API (and
// CloudFormation's) names.
type InputSettings struct {
	AudioSelectors   []AudioSelectorSettings   `json:"AudioSelectors"`
	CaptionSelectors []CaptionSelectorSettings `json:"CaptionSelectors,omitempty"`
}

// AudioSelectorSettings picks one audio track of the feed (none: the first).
type AudioSelectorSettings struct {
	Name             string               `json:"Name"`
	SelectorSettings *AudioSelectorChoice `json:"SelectorSettings,omitempty"`
}

// AudioSelectorChoice selects by language descriptor or by PID.
type AudioSelectorChoice struct {
	AudioLanguageSelection *AudioLanguageSelection `json:"AudioLanguageSelection,omitempty"`
	AudioPidSelection      *AudioPidSelection      `json:"AudioPidSelection,omitempty"`
}

// AudioLanguageSelection selects the track in a language.
type AudioLanguageSelection struct {
	LanguageCode            string `json:"LanguageCode"`
	LanguageSelectionPolicy string `json:"LanguageSelectionPolicy"`
}

// AudioPidSelection selects a transport stream's PID.
type AudioPidSelection struct {
	Pid int `json:"Pid"`
}

// CaptionSelectorSettings reads one 608 channel of the captions embedded in the video.
type CaptionSelectorSettings struct {
	Name             string               `json:"Name"`
	SelectorSettings CaptionSelectorEmbed `json:"SelectorSettings"`
}

// CaptionSelectorEmbed holds the embedded source's settings.
type CaptionSelectorEmbed struct {
	EmbeddedSourceSettings EmbeddedSourceSettings `json:"EmbeddedSourceSettings"`
}

// EmbeddedSourceSettings picks the 608 channel.
type EmbeddedSourceSettings struct {
	Convert608To708        string `json:"Convert608To708"`
	Scte20Detection        string `json:"Scte20Detection"`
	Source608ChannelNumber int    `json:"Source608ChannelNumber"`
}

// CaptionDescription writes one caption track.
type CaptionDescription struct {
	Name                string                     `json:"Name"`
	CaptionSelectorName string                     `json:"CaptionSelectorName"`
	LanguageCode        string                     `json:"LanguageCode"`
	LanguageDescription string                     `json:"LanguageDescription"`
	DestinationSettings CaptionDestinationSettings `json:"DestinationSettings"`
	// CaptionDashRoles mark the track's purpose; the DASH role is the accessibility signal a
	// CMAF Ingest output carries (MediaLive's accessibility table: "DASH role captions", CMAF
	// Ingest "Yes"; the Accessibility field is for HLS and MediaPackage output groups only,
	// https://docs.aws.amazon.com/medialive/latest/ug/captions-accessibility.html).
	CaptionDashRoles []string `json:"CaptionDashRoles,omitempty"`
}

// CaptionDestinationSettings is TTML, the caption format MediaPackage v2's CMAF ingest takes.
type CaptionDestinationSettings struct {
	TtmlDestinationSettings *TtmlDestinationSettings `json:"TtmlDestinationSettings,omitempty"`
}

// TtmlDestinationSettings is TTML's (its one field, StyleControl, "is not currently supported",
// MediaLive's API reference: left out).
type TtmlDestinationSettings struct{}

// Inputs returns the selectors of the input attachment: one audio selector per language (the
// default selector alone without AudioLanguages), one caption selector per 608 channel carried.
// A language is selected by PID when AudioPIDs gives one, else by its language descriptor,
// strictly: a feed that lacks it gets silence in that rendition, never another language's sound
// under its name (AudioLanguageSelection STRICT, https://docs.aws.amazon.com/medialive/latest/ug/input-audio-selectors.html).
func (s Spec) Inputs() InputSettings {
	var in InputSettings
	if len(s.AudioLanguages) == 0 {
		in.AudioSelectors = []AudioSelectorSettings{{Name: AudioSelector}}
	}
	for i, l := range s.AudioLanguages {
		sel := &AudioSelectorChoice{AudioLanguageSelection: &AudioLanguageSelection{LanguageCode: l, LanguageSelectionPolicy: string(mltypes.AudioLanguageSelectionPolicyStrict)}}
		if len(s.AudioPIDs) == len(s.AudioLanguages) {
			sel = &AudioSelectorChoice{AudioPidSelection: &AudioPidSelection{Pid: s.AudioPIDs[i]}}
		}
		in.AudioSelectors = append(in.AudioSelectors, AudioSelectorSettings{Name: audioSelectorName(l), SelectorSettings: sel})
	}
	// One selector per channel converted to TTML (MediaLive's guide: "create one selector for
	// each language", https://docs.aws.amazon.com/medialive/latest/ug/ips-plan-captions-sels.html).
	for _, c := range s.captionChannels() {
		in.CaptionSelectors = append(in.CaptionSelectors, CaptionSelectorSettings{Name: captionSelectorName(c), SelectorSettings: CaptionSelectorEmbed{EmbeddedSourceSettings{
			Convert608To708: string(mltypes.EmbeddedConvert608To708Disabled), Scte20Detection: string(mltypes.EmbeddedScte20DetectionOff), Source608ChannelNumber: c.Channel}}})
	}
	return in
}

// audioDescriptions are the AAC renditions: one, following the feed's first audio, or one per
// language in AudioLanguages' order (MediaPackage v2 makes the first the default: "designates
// the first audio track as DEFAULT=YES", https://docs.aws.amazon.com/mediapackage/latest/userguide/what-is-features.html).
func (s Spec) audioDescriptions() []AudioDescription {
	aac := AudioCodecSettings{AacSettings: AacSettings{Bitrate: float64(s.AudioBitrate), CodingMode: "CODING_MODE_2_0", InputType: "NORMAL",
		Profile: "LC", RateControlMode: "CBR", RawFormat: "NONE", SampleRate: 48000, Spec: "MPEG4"}}
	if len(s.AudioLanguages) == 0 {
		return []AudioDescription{{Name: audioName, AudioSelectorName: AudioSelector, AudioTypeControl: "FOLLOW_INPUT", LanguageCodeControl: "FOLLOW_INPUT", CodecSettings: aac}}
	}
	var out []AudioDescription
	for _, l := range s.AudioLanguages {
		out = append(out, AudioDescription{Name: audioDescriptionName(l), AudioSelectorName: audioSelectorName(l), AudioTypeControl: "FOLLOW_INPUT",
			LanguageCodeControl: string(mltypes.AudioDescriptionLanguageCodeControlUseConfigured), LanguageCode: l, StreamName: encoding.LanguageLabel(l), CodecSettings: aac})
	}
	return out
}

// captionDescriptions are the TTML tracks, one per channel carried.
func (s Spec) captionDescriptions() []CaptionDescription {
	var out []CaptionDescription
	for _, c := range s.captionChannels() {
		// CEA-608 are closed captions: dialogue and sounds, for viewers who are deaf or hard of hearing.
		out = append(out, CaptionDescription{Name: captionName(c), CaptionSelectorName: captionSelectorName(c), LanguageCode: c.Language, LanguageDescription: c.Label,
			DestinationSettings: CaptionDestinationSettings{TtmlDestinationSettings: &TtmlDestinationSettings{}}, CaptionDashRoles: []string{string(mltypes.DashRoleCaptionCaption)}})
	}
	return out
}

// CheckSelectors finds a description reading a selector the input attachment lacks, and a
// selector name used twice: MediaLive refuses both at channel creation (selector names "must be
// unique within an event", CaptionSelector Name, https://docs.aws.amazon.com/medialive/latest/apireference/channels.html#channels-prop-captionselector-name).
func (es EncoderSettings) CheckSelectors(in InputSettings) error {
	audio, err := nameSet("audio selector", in.AudioSelectors, func(a AudioSelectorSettings) string { return a.Name })
	if err != nil {
		return err
	}
	captions, err := nameSet("caption selector", in.CaptionSelectors, func(c CaptionSelectorSettings) string { return c.Name })
	if err != nil {
		return err
	}
	for _, a := range es.AudioDescriptions {
		if !audio[a.AudioSelectorName] {
			return fmt.Errorf("audio description %q reads selector %q, which the input has not", a.Name, a.AudioSelectorName)
		}
	}
	for _, c := range es.CaptionDescriptions {
		if !captions[c.CaptionSelectorName] {
			return fmt.Errorf("caption description %q reads selector %q, which the input has not", c.Name, c.CaptionSelectorName)
		}
	}
	return nil
}
