package jobspec

import (
	"fmt"
	"path"
	"strings"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// CaptionChannel maps an embedded 608 channel to a language and label (constructs/internal/encoding).
type CaptionChannel = encoding.CaptionChannel

// Captions chooses the caption tracks made from captions embedded in the source (CEA-608/708),
// in the form vod:captions takes (constructs/internal/encoding):
//   - "" or CaptionsAuto: what the source has, as MediaConvert's Probe reports it (CC1, in the
//     language Probe names, English when it names none). The default.
//   - CaptionsOff: none.
//   - channels, e.g. "CC1:eng:English,CC3:spa:Espanol" (CaptionsOf): these 608 channels,
//     languages and labels.
//
// Sidecar caption files named in a metadata file are added whatever Captions says.
type Captions = encoding.Captions

const (
	// CaptionsAuto carries the captions the source has.
	CaptionsAuto = encoding.CaptionsAuto
	// CaptionsOff carries no embedded captions.
	CaptionsOff = encoding.CaptionsOff
)

// CaptionsOf returns the Captions that map these channels.
func CaptionsOf(cs ...CaptionChannel) Captions { return encoding.CaptionsOf(cs...) }

// AudioTracks chooses the source's audio tracks that become audio renditions, in the form
// vod:audio takes:
//   - "" or AudioAll: every audio track, in the source's order, the first the default. Mono
//     tracks in pairs of the same language (a stereo pair as two tracks) become one stereo
//     rendition. The default.
//   - AudioFirst: the first track only (one rendition, as before alternate audio).
//   - languages, e.g. "eng,spa": the tracks in these ISO 639-2 languages, in this order (the
//     first present is the default); a listed language the source lacks is left out and said
//     in the job's summary; a source with none of them keeps its first track.
//
// Sidecar audio files named in a metadata file are added after them.
type AudioTracks string

const (
	// AudioAll makes every source audio track a rendition.
	AudioAll AudioTracks = "all"
	// AudioFirst keeps the first audio track only.
	AudioFirst AudioTracks = "first"
)

func (a AudioTracks) is(mode AudioTracks) bool {
	return AudioTracks(strings.ToLower(string(a))) == mode
}

// Languages are the listed languages (none for all and first).
func (a AudioTracks) Languages() []string {
	switch AudioTracks(strings.ToLower(string(a))) {
	case "", AudioAll, AudioFirst:
		return nil
	}
	var out []string
	for _, l := range strings.Split(string(a), ",") {
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

// TrackKind says what a caption or audio track is for.
type TrackKind string

const (
	// Subtitles translate or transcribe the dialogue for viewers who hear the audio.
	Subtitles TrackKind = "subtitles"
	// ClosedCaptions (SDH) transcribe dialogue and sounds for viewers who are deaf or hard of
	// hearing: marked as accessibility tracks in the manifests.
	ClosedCaptions TrackKind = "captions"
	// Forced subtitles carry only what the picture needs translated (signs, foreign dialogue).
	Forced TrackKind = "forced"
	// MainAudio is a programme's sound in one language.
	MainAudio TrackKind = "main"
	// DescribedVideo is an audio description of the picture for blind and partially sighted
	// viewers: marked in the manifests (HLS public.accessibility.describes-video).
	DescribedVideo TrackKind = "description"
)

// CaptionKinds and AudioKinds list the kinds a caption or audio sidecar takes.
var (
	CaptionKinds = []TrackKind{Subtitles, ClosedCaptions, Forced}
	AudioKinds   = []TrackKind{MainAudio, DescribedVideo}
)

// Sidecar is a caption, subtitle or audio file that comes with a source, named in its
// metadata file.
type Sidecar struct {
	// URL is the file, s3://bucket/key.
	URL string `json:"url"`
	// Kind is one of CaptionKinds (a caption file) or AudioKinds (an audio file).
	Kind TrackKind `json:"kind"`
	// Language is the ISO 639-2 code of the track, e.g. eng.
	Language string `json:"language"`
	// Label is what players show; default: the language's name.
	Label string `json:"label,omitempty"`
	// OffsetSeconds moves a caption file's cues by this many seconds (MediaConvert's
	// FileSourceSettings TimeDelta): an SCC file is timed by timecode, and one made for a
	// master starting at 01:00:00;00 needs -3600 on a source whose timeline starts at zero.
	OffsetSeconds int `json:"offsetSeconds,omitempty"`
}

// IsAudio reports whether the sidecar is an audio file.
func (s Sidecar) IsAudio() bool { return s.Kind == MainAudio || s.Kind == DescribedVideo }

// captionFormats maps a caption file's extension to MediaConvert's caption source type, from
// "Supported input captions, within sidecar files"
// (https://docs.aws.amazon.com/mediaconvert/latest/ug/sidecar-captions-support-tables-by-container-type.html):
// SRT .srt, WebVTT .vtt, SCC .scc, TTML .ttml/.dfxp/.xml (IMSC1 text profile .xml reads as
// TTML too); every one of them gives WebVTT and IMSC in CMAF and WebVTT in HLS.
var captionFormats = map[string]mctypes.CaptionSourceType{
	".srt": mctypes.CaptionSourceTypeSrt, ".vtt": mctypes.CaptionSourceTypeWebvtt, ".webvtt": mctypes.CaptionSourceTypeWebvtt,
	".scc": mctypes.CaptionSourceTypeScc, ".ttml": mctypes.CaptionSourceTypeTtml, ".dfxp": mctypes.CaptionSourceTypeTtml,
	".xml": mctypes.CaptionSourceTypeTtml,
}

// CaptionFileExtensions lists the caption file extensions accepted, for messages.
func CaptionFileExtensions() string { return ".srt, .vtt, .webvtt, .scc, .ttml, .dfxp or .xml" }

// Check checks a sidecar; field names it in the caller's terms (e.g. captions[0]).
func (s Sidecar) Check(pkg, field string) error {
	if !strings.HasPrefix(s.URL, "s3://") {
		return validate.Invalid(pkg, field+".url", s.URL, "is not an s3:// URL")
	}
	if s.IsAudio() {
		if err := validate.OneOf(pkg, field+".kind", s.Kind, AudioKinds); err != nil {
			return err
		}
	} else {
		if err := validate.OneOf(pkg, field+".kind", s.Kind, CaptionKinds); err != nil {
			return err
		}
		if _, ok := captionFormats[strings.ToLower(path.Ext(s.URL))]; !ok {
			return validate.Invalid(pkg, field+".file", path.Base(s.URL), "is not a caption file MediaConvert reads; use %s", CaptionFileExtensions())
		}
	}
	if err := encoding.CheckLanguage(pkg, field+".language", s.Language); err != nil {
		return err
	}
	if s.IsAudio() && s.OffsetSeconds != 0 {
		return validate.Invalid(pkg, field+".offsetSeconds", s.OffsetSeconds, "is for caption files; an audio file starts with the video (its Offset is not offered)")
	}
	if err := validate.InRange(pkg, field+".offsetSeconds", s.OffsetSeconds, -MaxCaptionOffset, MaxCaptionOffset, "seconds", true); err != nil {
		return err
	}
	if s.Label != "" {
		return encoding.CheckLabel(pkg, field+".label", s.Label)
	}
	return nil
}

// MaxCaptionOffset bounds a caption file's offset: a day, either way.
const MaxCaptionOffset = 86400

// SourceAudio is one audio track of the source as Probe reports it.
type SourceAudio struct {
	// Track is the track's number among the source's audio tracks, from 1 (MediaConvert's
	// AudioSelector Tracks).
	Track int `json:"track"`
	// Language is the track's ISO 639 code as Probe reports it ("" when it reports none).
	Language string `json:"language,omitempty"`
	// Channels is the track's channel count (0 when unknown).
	Channels int `json:"channels,omitempty"`
}

// SourceCaptions is a caption track of the source as Probe reports it.
type SourceCaptions struct {
	// Codec is Probe's codec: C608, C708 or WEBVTT (mediaconvert types.Codec).
	Codec string `json:"codec"`
	// Language is the track's ISO 639 code ("" when Probe reports none).
	Language string `json:"language,omitempty"`
}

// Embedded reports whether the track is CEA-608/708 in the video.
func (c SourceCaptions) Embedded() bool {
	return mctypes.Codec(c.Codec) == mctypes.CodecC608 || mctypes.Codec(c.Codec) == mctypes.CodecC708
}

// CaptionTrack is one caption or subtitle track a job writes.
type CaptionTrack struct {
	// Channel is the embedded 608 channel (1-4); 0 for a sidecar.
	Channel int `json:"channel,omitempty"`
	// File is the sidecar's URL; "" for embedded captions.
	File string `json:"file,omitempty"`
	// Format is MediaConvert's caption source type (EMBEDDED, SRT, WEBVTT, SCC, TTML).
	Format   string    `json:"format"`
	Language string    `json:"language"`
	Label    string    `json:"label"`
	Kind     TrackKind `json:"kind"`
	// OffsetSeconds moves a file's cues (Sidecar.OffsetSeconds).
	OffsetSeconds int `json:"offsetSeconds,omitempty"`
}

// AudioTrack is one audio rendition a job writes; the first of a plan is the default.
type AudioTrack struct {
	// Tracks are the source's audio tracks it is made from (a stereo pair may be two mono
	// tracks); none for a sidecar.
	Tracks []int `json:"tracks,omitempty"`
	// File is the sidecar's URL; "" for the source's own tracks.
	File string `json:"file,omitempty"`
	// Language is the ISO 639 code; "" when the source names none.
	Language string    `json:"language,omitempty"`
	Label    string    `json:"label"`
	Kind     TrackKind `json:"kind"`
	// AutoSelect says a player may pick the track by its own language settings; false for a
	// second track of a language already offered (RFC 8216 section 4.3.4.1.1: the
	// AUTOSELECT renditions of a group have distinct languages).
	AutoSelect bool `json:"autoSelect"`
}

// validateTracks checks the Captions and Audio settings.
func (s Spec) validateTracks() error {
	if err := s.Captions.Check("jobspec", "Captions"); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, l := range s.Audio.Languages() {
		f := fmt.Sprintf("Audio[%d]", i)
		if err := encoding.CheckLanguage("jobspec", f, l); err != nil {
			return validate.Invalid("jobspec", f, l, "is not allowed; use %s, %s or ISO 639-2 language codes (three lower-case letters) separated by commas, e.g. eng,spa", AudioAll, AudioFirst)
		}
		if seen[l] {
			return validate.Invalid("jobspec", f, l, "is listed twice")
		}
		seen[l] = true
	}
	return nil
}

// planTracks adds the audio renditions and caption tracks to a plan.
func (s Spec) planTracks(p Plan, m Media, sidecars []Sidecar) (Plan, error) {
	p.Audio, p.Notes = s.planAudio(m)
	forced := 0
	for i, sc := range sidecars {
		if err := sc.Check("metadata", fmt.Sprintf("sidecar %d", i)); err != nil {
			return Plan{}, &Rejection{Reason: err.Error()}
		}
		label := sc.Label
		if label == "" {
			label = encoding.LanguageLabel(sc.Language)
			switch sc.Kind {
			case DescribedVideo:
				label += " (audio description)"
			case Forced:
				label += " (forced)"
			}
		}
		if sc.IsAudio() {
			p.Audio = append(p.Audio, AudioTrack{File: sc.URL, Language: sc.Language, Label: label, Kind: sc.Kind})
			continue
		}
		if sc.Kind == Forced {
			if forced++; forced > 1 {
				return Plan{}, &Rejection{Reason: "more than one forced subtitle file: forced subtitles are burned into the picture (MediaConvert signals no FORCED track), and a picture takes one; name one forced file per title"}
			}
		}
		p.Captions = append(p.Captions, CaptionTrack{File: sc.URL, Format: string(captionFormats[strings.ToLower(path.Ext(sc.URL))]), Language: sc.Language, Label: label, Kind: sc.Kind, OffsetSeconds: sc.OffsetSeconds})
	}
	embedded, err := s.planEmbedded(m)
	if err != nil {
		return Plan{}, err
	}
	p.Captions = append(embedded, p.Captions...)
	if len(p.Renditions) == 0 {
		p = audioOnly(p)
	}
	setAutoSelect(p.Audio)
	uniqueLabels(p)
	p.HasAudio = len(p.Audio) > 0
	if !p.HasAudio && len(p.Renditions) == 0 {
		return Plan{}, &Rejection{Reason: "the source has no video or audio track"}
	}
	return p, nil
}

// planEmbedded lists the embedded 608 channels carried: the mapped ones, or CC1 when Probe found
// 608/708 captions (in the language it names, else English).
func (s Spec) planEmbedded(m Media) ([]CaptionTrack, error) {
	if s.Captions.Is(CaptionsOff) {
		return nil, nil
	}
	chans, err := s.Captions.Channels()
	if err != nil {
		return nil, err
	}
	if chans == nil {
		for _, c := range m.CaptionTracks {
			if c.Embedded() {
				ch := encoding.DefaultCaptionChannel
				if l := knownLanguage(c.Language); l != "" {
					ch.Language, ch.Label = l, encoding.LanguageLabel(l)
				}
				chans = []CaptionChannel{ch}
				break
			}
		}
	}
	var out []CaptionTrack
	for _, c := range chans {
		out = append(out, CaptionTrack{Channel: c.Channel, Format: string(mctypes.CaptionSourceTypeEmbedded), Language: c.Language, Label: c.Label, Kind: ClosedCaptions})
	}
	return out, nil
}

// planAudio groups the source's audio tracks into renditions and picks those Spec.Audio asks
// for; notes name the listed languages the source lacks.
func (s Spec) planAudio(m Media) ([]AudioTrack, []string) {
	tracks := m.AudioTracks
	if len(tracks) == 0 && m.HasAudio {
		tracks = []SourceAudio{{Track: 1}}
	}
	var groups []AudioTrack
	for i := 0; i < len(tracks); i++ {
		t := tracks[i]
		g := AudioTrack{Tracks: []int{t.Track}, Language: knownLanguage(t.Language), Kind: MainAudio}
		if t.Channels == 1 && i+1 < len(tracks) && tracks[i+1].Channels == 1 && knownLanguage(tracks[i+1].Language) == g.Language {
			// A stereo pair carried as two mono tracks: one rendition, left then right.
			g.Tracks = append(g.Tracks, tracks[i+1].Track)
			i++
		}
		g.Label = encoding.LanguageLabel(g.Language)
		if g.Language == "" {
			g.Label = fmt.Sprintf("Audio %d", len(groups)+1)
		}
		groups = append(groups, g)
	}
	if manyUnnamedMonos(tracks) {
		// A master's mono channels (5.1 and a stereo mix, say) are no languages: EBU R 123's
		// layouts put the programme's stereo mix on tracks 1 and 2 (https://tech.ebu.ch/publications/r123).
		return groups[:1], []string{fmt.Sprintf("%d mono tracks of one mix: tracks 1 and 2 taken as the stereo mix", len(tracks))}
	}
	switch {
	case len(groups) == 0:
		return nil, nil
	case s.Audio.is(AudioFirst):
		return groups[:1], nil
	case s.Audio.Languages() == nil:
		return groups, nil
	}
	var out []AudioTrack
	var notes []string
	for _, l := range s.Audio.Languages() {
		found := false
		for _, g := range groups {
			if g.Language == l {
				out, found = append(out, g), true
			}
		}
		if !found {
			notes = append(notes, fmt.Sprintf("no %s audio in the source", l))
		}
	}
	if len(out) == 0 {
		out = groups[:1]
		notes = append(notes, "none of the audio languages "+string(s.Audio)+" in the source: its first track is used")
	}
	return out, notes
}

// audioOnly keeps an audio-only title to one audio rendition and no captions: MediaConvert's
// audio-only outputs take no captions, and an HLS group makes each audio-only output a variant
// of the ABR stack, between which players would switch languages ("Audio-only outputs",
// https://docs.aws.amazon.com/mediaconvert/latest/ug/setting-up-audio-only.html,
// https://docs.aws.amazon.com/mediaconvert/latest/ug/feature-limitations-for-audio-only.html).
func audioOnly(p Plan) Plan {
	if len(p.Audio) > 1 {
		p.Notes = append(p.Notes, fmt.Sprintf("audio-only: one audio rendition (%s) of %d", p.Audio[0].Label, len(p.Audio)))
		p.Audio = p.Audio[:1]
	}
	if len(p.Captions) > 0 {
		p.Notes = append(p.Notes, "audio-only: captions left out (they need a picture)")
		p.Captions = nil
	}
	return p
}

// uniqueLabels numbers repeated labels among the audio renditions and among the caption tracks
// (each set is one HLS group: encoding.UniqueLabels).
func uniqueLabels(p Plan) {
	var audio, text []string
	for _, a := range p.Audio {
		audio = append(audio, a.Label)
	}
	for _, c := range p.Captions {
		text = append(text, c.Label)
	}
	for i, l := range encoding.UniqueLabels(audio) {
		p.Audio[i].Label = l
	}
	for i, l := range encoding.UniqueLabels(text) {
		p.Captions[i].Label = l
	}
}

// setAutoSelect marks which renditions players may pick by language: the first of each
// language and kind (RFC 8216 section 4.3.4.1.1: AUTOSELECT members of a group differ in
// LANGUAGE or CHARACTERISTICS, https://www.rfc-editor.org/rfc/rfc8216#section-4.3.4.1.1).
func setAutoSelect(as []AudioTrack) {
	seen := map[string]bool{}
	for i := range as {
		k := as[i].Language + "/" + string(as[i].Kind)
		as[i].AutoSelect = !seen[k]
		seen[k] = true
	}
}

// knownLanguage is Probe's language code, or "" when it names none (empty or und).
func knownLanguage(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if l == "und" || l == "mis" || l == "zxx" {
		return ""
	}
	return l
}

// manyUnnamedMonos reports a master of more than two mono tracks in one language (or none):
// channels of one mix (5.1 and a stereo mix, say), not languages.
func manyUnnamedMonos(tracks []SourceAudio) bool {
	if len(tracks) <= 2 {
		return false
	}
	for _, t := range tracks {
		if t.Channels != 1 || knownLanguage(t.Language) != knownLanguage(tracks[0].Language) {
			return false
		}
	}
	return true
}
