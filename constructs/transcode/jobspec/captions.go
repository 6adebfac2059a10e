package jobspec

import (
	"fmt"
	"slices"
	"strings"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
)

// The types below model MediaConvert's caption and alternate-audio settings (see settings.go).

// CaptionSelector reads one caption source: a 608 channel in the video or a sidecar file.
type CaptionSelector struct {
	SourceSettings CaptionSourceSettings `json:"SourceSettings"`
}

// CaptionSourceSettings names the source's format and where it is.
type CaptionSourceSettings struct {
	SourceType             string                  `json:"SourceType"`
	EmbeddedSourceSettings *EmbeddedSourceSettings `json:"EmbeddedSourceSettings,omitempty"`
	FileSourceSettings     *FileSourceSettings     `json:"FileSourceSettings,omitempty"`
}

// EmbeddedSourceSettings picks a 608 channel (none: every channel, for passthrough).
type EmbeddedSourceSettings struct {
	Source608ChannelNumber int    `json:"Source608ChannelNumber,omitempty"`
	Convert608To708        string `json:"Convert608To708,omitempty"`
}

// FileSourceSettings reads a sidecar caption file, its cues moved by TimeDelta.
type FileSourceSettings struct {
	SourceFile     string `json:"SourceFile"`
	TimeDelta      int    `json:"TimeDelta,omitempty"`
	TimeDeltaUnits string `json:"TimeDeltaUnits,omitempty"`
}

// CaptionDescription writes one caption track into an output.
type CaptionDescription struct {
	CaptionSelectorName string                     `json:"CaptionSelectorName"`
	DestinationSettings CaptionDestinationSettings `json:"DestinationSettings"`
	LanguageCode        string                     `json:"LanguageCode,omitempty"`
	CustomLanguageCode  string                     `json:"CustomLanguageCode,omitempty"`
	// LanguageDescription is the track's NAME in HLS manifests (its label in DASH).
	LanguageDescription string `json:"LanguageDescription,omitempty"`
}

// CaptionDestinationSettings names the output caption format.
type CaptionDestinationSettings struct {
	DestinationType           string                     `json:"DestinationType"`
	WebvttDestinationSettings *TextDestinationSettings   `json:"WebvttDestinationSettings,omitempty"`
	ImscDestinationSettings   *TextDestinationSettings   `json:"ImscDestinationSettings,omitempty"`
	BurninDestinationSettings *BurninDestinationSettings `json:"BurninDestinationSettings,omitempty"`
}

// TextDestinationSettings are WebVTT's and IMSC's settings (the same two fields): Accessibility
// ENABLED marks captions for the deaf and hard of hearing (HLS CHARACTERISTICS
// public.accessibility.transcribes-spoken-dialog,public.accessibility.describes-music-and-sound;
// DASH Accessibility "caption"), DISABLED plain subtitles (DASH Role "subtitle").
type TextDestinationSettings struct {
	Accessibility    string `json:"Accessibility"`
	StylePassthrough string `json:"StylePassthrough,omitempty"`
}

// BurninDestinationSettings draws captions into the picture.
type BurninDestinationSettings struct {
	StylePassthrough string `json:"StylePassthrough"`
	FontColor        string `json:"FontColor"`
	OutlineColor     string `json:"OutlineColor"`
	OutlineSize      int    `json:"OutlineSize"`
	TeletextSpacing  string `json:"TeletextSpacing"`
	Alignment        string `json:"Alignment"`
}

// CaptionLanguageMapping names an embedded 608 channel in an HLS manifest's CLOSED-CAPTIONS.
type CaptionLanguageMapping struct {
	CaptionChannel      int    `json:"CaptionChannel"`
	LanguageCode        string `json:"LanguageCode,omitempty"`
	CustomLanguageCode  string `json:"CustomLanguageCode,omitempty"`
	LanguageDescription string `json:"LanguageDescription"`
}

// AdditionalManifest is a CMAF manifest pair (HLS and DASH) listing some of the outputs.
type AdditionalManifest struct {
	ManifestNameModifier string   `json:"ManifestNameModifier"`
	SelectedOutputs      []string `json:"SelectedOutputs"`
}

// OutputSettings holds an HLS output's rendition-group settings.
type OutputSettings struct {
	HlsSettings *HlsSettings `json:"HlsSettings,omitempty"`
}

// HlsSettings puts an audio output in a rendition group, or a video output with its groups.
type HlsSettings struct {
	AudioGroupID                string `json:"AudioGroupId,omitempty"`
	AudioRenditionSets          string `json:"AudioRenditionSets,omitempty"`
	AudioTrackType              string `json:"AudioTrackType,omitempty"`
	AudioOnlyContainer          string `json:"AudioOnlyContainer,omitempty"`
	DescriptiveVideoServiceFlag string `json:"DescriptiveVideoServiceFlag,omitempty"`
}

// CmfcSettings are HlsSettings' CMAF counterparts.
type CmfcSettings struct {
	AudioGroupID                string `json:"AudioGroupId,omitempty"`
	AudioRenditionSets          string `json:"AudioRenditionSets,omitempty"`
	AudioTrackType              string `json:"AudioTrackType,omitempty"`
	DescriptiveVideoServiceFlag string `json:"DescriptiveVideoServiceFlag,omitempty"`
}

// HLSManifestModifier and DASHManifestModifier name the CMAF manifests a title with caption
// tracks is played from: index-hls.m3u8 lists the WebVTT tracks, Apple's format for HLS
// ("Delivering subtitles and captions",
// https://developer.apple.com/documentation/http-live-streaming/delivering-subtitles-and-captions);
// index-dash.mpd lists the IMSC1 tracks, the text format DASH-IF's interoperability points name
// (https://dashif.org/guidelines/, IOP "Subtitles and closed captions"). MediaConvert writes an
// HLS and a DASH manifest for each additional manifest and keeps the default index.m3u8 and
// index.mpd listing every output (CmafAdditionalManifest,
// https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-cmafadditionalmanifest-selectedoutputs).
const (
	HLSManifestModifier  = "-hls"
	DASHManifestModifier = "-dash"
)

// audioGroupID is the HLS/CMAF audio rendition group of a title with several audio renditions.
const audioGroupID = "audio"

// audioTypeVisuallyImpaired is the ISO 639 language descriptor's audio_type for an audio
// description ("Visual impaired commentary", ISO/IEC 13818-1 table 2-60), which MediaConvert's
// AudioType writes into TS outputs ("3 = Visually Impaired Commentary",
// https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs.html#jobs-prop-audiodescription-audiotype).
const audioTypeVisuallyImpaired = 3

// passthroughSelector reads every embedded 608 channel for outputs that keep them in the video;
// MediaConvert's guide asks for one selector for embedded outputs and one per track converted
// to another format (https://docs.aws.amazon.com/mediaconvert/latest/ug/embedded.html).
const passthroughSelector = "Captions Passthrough"

func audioSelectorName(i int) string   { return fmt.Sprintf("Audio Selector %d", i+1) }
func captionSelectorName(i int) string { return fmt.Sprintf("Captions Selector %d", i+1) }

// audioSelectors picks each audio rendition's tracks: the source's (by number among its audio
// tracks) or a sidecar file's first. The first is the DEFAULT selection; the others are
// NOT_DEFAULT, silent rather than a copy of the first when their tracks are missing.
func audioSelectors(p Plan) map[string]AudioSelector {
	if len(p.Audio) == 0 {
		return nil
	}
	sel := map[string]AudioSelector{}
	for i, a := range p.Audio {
		as := AudioSelector{DefaultSelection: string(mctypes.AudioDefaultSelectionNotDefault), SelectorType: string(mctypes.AudioSelectorTypeTrack), Tracks: a.Tracks}
		if i == 0 {
			as.DefaultSelection = string(mctypes.AudioDefaultSelectionDefault)
		}
		if a.File != "" {
			as.ExternalAudioFileInput, as.Tracks = a.File, []int{1}
		}
		sel[audioSelectorName(i)] = as
	}
	return sel
}

// captionSelectors reads each caption track, and every embedded channel for passthrough.
func captionSelectors(p Plan) map[string]CaptionSelector {
	if len(p.Captions) == 0 {
		return nil
	}
	sel := map[string]CaptionSelector{}
	for i, c := range p.Captions {
		src := CaptionSourceSettings{SourceType: c.Format}
		if c.File != "" {
			src.FileSourceSettings = &FileSourceSettings{SourceFile: c.File}
			if c.OffsetSeconds != 0 {
				src.FileSourceSettings.TimeDelta, src.FileSourceSettings.TimeDeltaUnits = c.OffsetSeconds, string(mctypes.FileSourceTimeDeltaUnitsSeconds)
			}
		} else {
			src.EmbeddedSourceSettings = &EmbeddedSourceSettings{Source608ChannelNumber: c.Channel, Convert608To708: string(mctypes.EmbeddedConvert608To708Disabled)}
			sel[passthroughSelector] = CaptionSelector{SourceSettings: CaptionSourceSettings{SourceType: c.Format, EmbeddedSourceSettings: &EmbeddedSourceSettings{}}}
		}
		sel[captionSelectorName(i)] = CaptionSelector{SourceSettings: src}
	}
	return sel
}

// hasTextTracks reports whether the plan's CMAF output has caption tracks (all of them are).
func (p Plan) hasTextTracks() bool { return len(p.Captions) > 0 }

func hasEmbedded(p Plan) bool {
	return slices.ContainsFunc(p.Captions, func(c CaptionTrack) bool { return c.File == "" })
}

// burnsIn reports whether caption track c is drawn into the TS and MP4 pictures: a forced track
// whose language is every audio rendition's (forced subtitles translate what the programme's
// own language leaves untranslated; over another language's audio they would be wrong, and a
// burned-in text cannot be turned off). Otherwise it is a text track like the others.
func (p Plan) burnsIn(c CaptionTrack) bool {
	if c.Kind != Forced {
		return false
	}
	for _, a := range p.Audio {
		if a.Language != "" && a.Language != c.Language {
			return false
		}
	}
	return true
}

// burnIn draws a forced subtitle track into the picture of the TS and MP4 video outputs.
func burnIn(p Plan) []CaptionDescription {
	for i, c := range p.Captions {
		if p.burnsIn(c) {
			d := captionDescription(p, i)
			d.DestinationSettings = CaptionDestinationSettings{DestinationType: string(mctypes.CaptionDestinationTypeBurnIn),
				BurninDestinationSettings: &BurninDestinationSettings{StylePassthrough: string(mctypes.BurnInSubtitleStylePassthroughEnabled),
					FontColor: string(mctypes.BurninSubtitleFontColorWhite), OutlineColor: string(mctypes.BurninSubtitleOutlineColorBlack), OutlineSize: 2,
					TeletextSpacing: string(mctypes.BurninSubtitleTeletextSpacingProportional), Alignment: string(mctypes.BurninSubtitleAlignmentAuto)}}
			return []CaptionDescription{d}
		}
	}
	return nil
}

// inVideo are the captions a TS or MP4 video output carries: the embedded 608 channels, passed
// through, and a forced track burned in.
func (s Spec) inVideo(p Plan) []CaptionDescription {
	out := burnIn(p)
	if hasEmbedded(p) {
		out = append([]CaptionDescription{{CaptionSelectorName: passthroughSelector, DestinationSettings: CaptionDestinationSettings{DestinationType: string(mctypes.CaptionDestinationTypeEmbedded)}}}, out...)
	}
	return out
}

// closedCaptions lists the embedded channels for an HLS manifest's CLOSED-CAPTIONS (INSERT);
// none when the plan keeps no embedded captions.
func closedCaptions(p Plan) (string, []CaptionLanguageMapping) {
	var ms []CaptionLanguageMapping
	for _, c := range p.Captions {
		if c.File == "" {
			m := CaptionLanguageMapping{CaptionChannel: c.Channel, LanguageDescription: c.Label}
			m.LanguageCode, m.CustomLanguageCode = languageCode(c.Language)
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return "", nil
	}
	return string(mctypes.HlsCaptionLanguageSettingInsert), ms
}

func captionDescription(p Plan, i int) CaptionDescription {
	c := p.Captions[i]
	d := CaptionDescription{CaptionSelectorName: captionSelectorName(i), LanguageDescription: c.Label}
	d.LanguageCode, d.CustomLanguageCode = languageCode(c.Language)
	return d
}

// captionOutput writes caption track i as WebVTT or IMSC, marked as captions for the deaf and
// hard of hearing when it is (ClosedCaptions).
func captionOutput(p Plan, i int, dest mctypes.CaptionDestinationType) CaptionDescription {
	c := p.Captions[i]
	d := captionDescription(p, i)
	acc := string(mctypes.WebvttAccessibilitySubsDisabled)
	if c.Kind == ClosedCaptions {
		acc = string(mctypes.WebvttAccessibilitySubsEnabled)
	}
	d.DestinationSettings.DestinationType = string(dest)
	if dest == mctypes.CaptionDestinationTypeImsc {
		ts := &TextDestinationSettings{Accessibility: acc}
		if c.Format == string(mctypes.CaptionSourceTypeTtml) {
			// IMSC style passthrough is "available only when your input captions are IMSC,
			// SMPTE-TT, or TTML" (ImscDestinationSettings StylePassthrough).
			ts.StylePassthrough = string(mctypes.ImscStylePassthroughEnabled)
		}
		d.DestinationSettings.ImscDestinationSettings = ts
		return d
	}
	d.DestinationSettings.WebvttDestinationSettings = &TextDestinationSettings{Accessibility: acc, StylePassthrough: string(mctypes.WebvttStylePassthroughEnabled)}
	return d
}

// audioTrackType is audio rendition i's DEFAULT and AUTOSELECT: the first is the default, the
// others auto-selectable unless another of their language and kind comes first. HLS's and CMAF's
// enumerations spell these alike.
func audioTrackType(p Plan, i int) string {
	switch {
	case i == 0:
		return string(mctypes.HlsAudioTrackTypeAlternateAudioAutoSelectDefault)
	case p.Audio[i].AutoSelect:
		return string(mctypes.HlsAudioTrackTypeAlternateAudioAutoSelect)
	}
	return string(mctypes.HlsAudioTrackTypeAlternateAudioNotAutoSelect)
}

// dvsFlag marks a described-video rendition (HLS CHARACTERISTICS public.accessibility.describes-video).
func dvsFlag(a AudioTrack) string {
	if a.Kind == DescribedVideo {
		return string(mctypes.HlsDescriptiveVideoServiceFlagFlag)
	}
	return ""
}

// audioModifier names audio rendition i's files: _audio for a title's only one, else its number
// and language.
func audioModifier(p Plan, i int) string {
	if len(p.Audio) == 1 {
		return "_audio"
	}
	return fmt.Sprintf("_audio%d_%s", i+1, orUnd(p.Audio[i].Language))
}

func captionModifier(p Plan, i int, format string) string {
	return fmt.Sprintf("_%s%d_%s", format, i+1, orUnd(p.Captions[i].Language))
}

func orUnd(l string) string {
	if l == "" {
		return "und"
	}
	return l
}

// languageCode is MediaConvert's LanguageCode for an ISO 639 code when its list has it (ENG),
// else the code as CustomLanguageCode.
func languageCode(l string) (code, custom string) {
	if l == "" {
		return "", ""
	}
	up := mctypes.LanguageCode(strings.ToUpper(l))
	if slices.Contains(up.Values(), up) {
		return string(up), ""
	}
	return "", l
}

// MaxIngestStreams is MediaPackage VOD's quota of ingest streams per asset, 20, not adjustable
// ("Ingest streams per Asset", https://docs.aws.amazon.com/mediapackage/latest/ug/vod-quotas.html):
// each playlist of the HLS output it ingests is one. (Its "tracks per ingest stream", 10, counts
// the tracks inside one playlist's segments: a rendition here carries a video and at most one
// audio track.)
const MaxIngestStreams = 20

// HLSStreams counts the playlists of the plan's HLS (TS) output: the video renditions, the
// audio renditions when they are a group of their own, and the WebVTT renditions.
func (p Plan) HLSStreams() int {
	n := len(p.Renditions)
	if len(p.Audio) > 1 || len(p.Renditions) == 0 {
		n += len(p.Audio)
	}
	for _, c := range p.Captions {
		if !p.burnsIn(c) && len(p.Renditions) > 0 {
			n++
		}
	}
	return n
}

// streamNames are the audio renditions' StreamNames (their HLS NAME): the labels in the letters
// MediaConvert's pattern takes (encoding.ASCIIName), distinct.
func streamNames(p Plan) []string {
	names := make([]string, len(p.Audio))
	for i, a := range p.Audio {
		names[i] = encoding.ASCIIName(a.Label, a.Language)
	}
	return encoding.UniqueLabels(names)
}
