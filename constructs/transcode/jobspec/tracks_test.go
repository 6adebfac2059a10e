package jobspec

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
)

// streamNamePattern is MediaConvert's pattern for AudioDescription StreamName (the API's
// __stringPatternWS; Java regular expressions, whose \w is ASCII).
var streamNamePattern = regexp.MustCompile(`^[A-Za-z0-9_\s]*$`)

var hd = Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080}

func withAudio(m Media, tracks ...SourceAudio) Media {
	m.AudioTracks = tracks
	return m
}

// TestPlanAudioTracks: every source audio track becomes a rendition by default (a stereo pair
// carried as two mono tracks of one language becomes one), AudioFirst keeps the first, and a
// language list picks and orders them, noting what the source lacks.
func TestPlanAudioTracks(t *testing.T) {
	src := withAudio(hd, SourceAudio{Track: 1, Language: "eng", Channels: 1}, SourceAudio{Track: 2, Language: "eng", Channels: 1},
		SourceAudio{Track: 3, Language: "spa", Channels: 2}, SourceAudio{Track: 4, Language: "und", Channels: 2}, SourceAudio{Track: 5, Language: "eng", Channels: 6})
	for _, c := range []struct {
		audio AudioTracks
		want  string // tracks:language:autoselect per rendition
		notes string
	}{
		{"", "[1 2]:eng:true [3]:spa:true [4]::true [5]:eng:false", ""},
		{AudioAll, "[1 2]:eng:true [3]:spa:true [4]::true [5]:eng:false", ""},
		{AudioFirst, "[1 2]:eng:true", ""},
		{"spa,eng", "[3]:spa:true [1 2]:eng:true [5]:eng:false", ""},
		{"fra,spa", "[3]:spa:true", "no fra audio in the source"},
		{"fra", "[1 2]:eng:true", "no fra audio in the source; none of the audio languages fra in the source: its first track is used"},
	} {
		p, err := Spec{Audio: c.audio}.Plan(src)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range p.Audio {
			got = append(got, fmt.Sprintf("%v:%s:%v", a.Tracks, a.Language, a.AutoSelect))
		}
		if strings.Join(got, " ") != c.want || strings.Join(p.Notes, "; ") != c.notes || !p.HasAudio {
			t.Errorf("Audio %q: %s (notes %q), want %s (notes %q)", c.audio, strings.Join(got, " "), p.Notes, c.want, c.notes)
		}
	}
	// A source without audio has none; a sidecar gives it one.
	silent := Media{FileSize: 1, HasVideo: true, Width: 640, Height: 360}
	if p, _ := (Spec{}).Plan(silent); p.HasAudio || len(p.Audio) != 0 {
		t.Errorf("silent source: %+v", p.Audio)
	}
	p, err := Spec{}.Plan(silent, Sidecar{URL: "s3://b/ep1.wav", Kind: MainAudio, Language: "fra"})
	if err != nil || !p.HasAudio || p.Audio[0].File != "s3://b/ep1.wav" || p.Audio[0].Label != "Français" {
		t.Errorf("sidecar audio: %+v %v", p.Audio, err)
	}
}

// TestPlanCaptions: embedded captions follow Probe (auto), the mapped channels, or none (off);
// sidecar files are added with the format their extension names; a forced track is burned in.
func TestPlanCaptions(t *testing.T) {
	with608 := hd
	with608.CaptionTracks = []SourceCaptions{{Codec: string(mctypes.CodecC708), Language: "fra"}}
	for _, c := range []struct {
		captions Captions
		media    Media
		want     string
	}{
		{"", hd, ""},
		{"", with608, "CC1:fra:Français"},
		{CaptionsOff, with608, ""},
		{"CC1:eng:English,CC3:spa:Espanol", hd, "CC1:eng:English CC3:spa:Espanol"},
		{"OFF", with608, ""},
	} {
		p, err := Spec{Captions: c.captions}.Plan(c.media)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ct := range p.Captions {
			if ct.Format != string(mctypes.CaptionSourceTypeEmbedded) || ct.Kind != ClosedCaptions {
				t.Errorf("%+v is not an embedded caption track", ct)
			}
			got = append(got, fmt.Sprintf("CC%d:%s:%s", ct.Channel, ct.Language, ct.Label))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("Captions %q on %v: %v, want %s", c.captions, c.media.CaptionTracks, got, c.want)
		}
	}
	for ext, format := range map[string]mctypes.CaptionSourceType{".srt": mctypes.CaptionSourceTypeSrt, ".VTT": mctypes.CaptionSourceTypeWebvtt,
		".scc": mctypes.CaptionSourceTypeScc, ".ttml": mctypes.CaptionSourceTypeTtml, ".dfxp": mctypes.CaptionSourceTypeTtml} {
		p, err := Spec{}.Plan(hd, Sidecar{URL: "s3://b/ep1" + ext, Kind: Subtitles, Language: "deu"})
		if err != nil || len(p.Captions) != 1 || p.Captions[0].Format != string(format) || p.Captions[0].Label != "Deutsch" {
			t.Errorf("%s sidecar: %+v %v, want format %s", ext, p.Captions, err, format)
		}
	}
	forced := Sidecar{URL: "s3://b/forced.srt", Kind: Forced, Language: "eng"}
	if _, err := (Spec{}).Plan(hd, forced, forced); err == nil || !strings.Contains(err.Error(), "more than one forced subtitle file") {
		t.Errorf("two forced files: %v", err)
	}
	for _, bad := range []struct {
		sc   Sidecar
		want string
	}{
		{Sidecar{URL: "s3://b/ep1.docx", Kind: Subtitles, Language: "eng"}, `"ep1.docx" is not a caption file MediaConvert reads`},
		{Sidecar{URL: "s3://b/ep1.srt", Kind: "karaoke", Language: "eng"}, `kind "karaoke" is not allowed; use subtitles, captions or forced`},
		{Sidecar{URL: "s3://b/ep1.srt", Kind: Subtitles, Language: "en"}, `language "en" has no valid language`},
		{Sidecar{URL: "s3://b/ep1.wav", Kind: DescribedVideo, Language: "eng", Label: `say "hi"`}, "label with a quote"},
	} {
		if _, err := (Spec{}).Plan(hd, bad.sc); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%+v: %v, want %q", bad.sc, err, bad.want)
		}
	}
}

// TestCaptionsAndAudioInEveryFormat: what each output group carries, in MediaConvert's terms.
// CMAF: a WebVTT and an IMSC1 output per track, kept apart by the per-format manifests, whose
// selected outputs all exist; HLS (TS): 608 in the video and in CLOSED-CAPTIONS, WebVTT
// renditions cut like the video, several audio renditions in one group with exactly one
// default; MP4: 608 in the video, every audio track; accessibility and described video marked.
func TestCaptionsAndAudioInEveryFormat(t *testing.T) {
	m := withAudio(hd, SourceAudio{Track: 1, Language: "eng", Channels: 2}, SourceAudio{Track: 2, Language: "spa", Channels: 2})
	m.CaptionTracks = []SourceCaptions{{Codec: string(mctypes.CodecC608)}}
	s := Spec{Formats: []Format{CMAF, HLS, MP4}, Ladder: twoRungs}
	p, err := s.Plan(m, Sidecar{URL: "s3://b/ep1.es.srt", Kind: Subtitles, Language: "spa"}, Sidecar{URL: "s3://b/ad.wav", Kind: DescribedVideo, Language: "eng"})
	if err != nil {
		t.Fatal(err)
	}
	js := s.Settings("s3://b/ep1.mov", "s3://o/ep1/", p)
	checkAgainstModel(t, js)
	outs := s.OutputKeys("ep1", p)
	if outs.CMAFHLS != "ep1/cmaf/index-hls.m3u8" || outs.CMAFDASH != "ep1/cmaf/index-dash.mpd" {
		t.Errorf("CMAF manifests %s %s, want the per-format ones", outs.CMAFHLS, outs.CMAFDASH)
	}
	if sel := js.Inputs[0].AudioSelectors; len(sel) != 3 || sel["Audio Selector 3"].ExternalAudioFileInput != "s3://b/ad.wav" ||
		sel["Audio Selector 1"].DefaultSelection != string(mctypes.AudioDefaultSelectionDefault) || sel["Audio Selector 2"].DefaultSelection != string(mctypes.AudioDefaultSelectionNotDefault) {
		t.Errorf("audio selectors %+v", sel)
	}
	if sel := js.Inputs[0].CaptionSelectors; len(sel) != 3 || sel["Captions Selector 2"].SourceSettings.FileSourceSettings.SourceFile != "s3://b/ep1.es.srt" {
		t.Errorf("caption selectors %+v", sel)
	}
	for _, g := range js.OutputGroups {
		byName := map[string]Output{}
		defaults, dvs := 0, 0
		for _, o := range g.Outputs {
			byName[o.NameModifier] = o
			for _, cd := range o.CaptionDescriptions {
				dt := mctypes.CaptionDestinationType(cd.DestinationSettings.DestinationType)
				switch {
				case g.Name == "CMAF" && dt != mctypes.CaptionDestinationTypeWebvtt && dt != mctypes.CaptionDestinationTypeImsc,
					g.Name == "HLS" && dt != mctypes.CaptionDestinationTypeWebvtt && dt != mctypes.CaptionDestinationTypeEmbedded,
					g.Name == "MP4" && dt != mctypes.CaptionDestinationTypeEmbedded:
					t.Errorf("%s%s carries %s captions", g.Name, o.NameModifier, dt)
				}
				if w := cd.DestinationSettings.WebvttDestinationSettings; w != nil && (w.Accessibility == string(mctypes.WebvttAccessibilitySubsEnabled)) != (cd.LanguageCode == string(mctypes.LanguageCodeEng)) {
					t.Errorf("%s%s: accessibility %s for %s (only the 608 captions are SDH)", g.Name, o.NameModifier, w.Accessibility, cd.LanguageCode)
				}
			}
			var hs *HlsSettings
			if o.OutputSettings != nil {
				hs = o.OutputSettings.HlsSettings
			}
			if cs := o.ContainerSettings.CmfcSettings; cs != nil {
				hs = &HlsSettings{AudioTrackType: cs.AudioTrackType, DescriptiveVideoServiceFlag: cs.DescriptiveVideoServiceFlag, AudioGroupID: cs.AudioGroupID, AudioRenditionSets: cs.AudioRenditionSets}
			}
			if hs != nil && hs.AudioTrackType == string(mctypes.HlsAudioTrackTypeAlternateAudioAutoSelectDefault) {
				defaults++
			}
			if hs != nil && hs.DescriptiveVideoServiceFlag == string(mctypes.CmfcDescriptiveVideoServiceFlagFlag) {
				dvs++
			}
			if o.VideoDescription != nil && g.Name != "MP4" && (hs == nil || hs.AudioRenditionSets != audioGroupID || len(o.AudioDescriptions) != 0) {
				t.Errorf("%s%s: video output not linked to the audio group: %+v", g.Name, o.NameModifier, hs)
			}
		}
		switch g.Name {
		case "CMAF":
			for _, am := range g.OutputGroupSettings.CMAFGroupSettings.AdditionalManifests {
				for _, name := range am.SelectedOutputs {
					if _, ok := byName[name]; !ok {
						t.Errorf("manifest %s selects %s, which is no output", am.ManifestNameModifier, name)
					}
				}
				if got := strings.Join(am.SelectedOutputs, " "); !strings.Contains(got, map[string]string{"-hls": "_vtt", "-dash": "_imsc"}[am.ManifestNameModifier]) ||
					strings.Contains(got, map[string]string{"-hls": "_imsc", "-dash": "_vtt"}[am.ManifestNameModifier]) {
					t.Errorf("manifest %s selects %s", am.ManifestNameModifier, got)
				}
			}
		case "HLS":
			hs := g.OutputGroupSettings.HLSGroupSettings
			if hs.CaptionLanguageSetting != string(mctypes.HlsCaptionLanguageSettingInsert) || len(hs.CaptionLanguageMappings) != 1 ||
				hs.CaptionSegmentLengthControl != string(mctypes.HlsCaptionSegmentLengthControlMatchVideo) {
				t.Errorf("HLS group caption settings %+v", hs)
			}
		case "MP4":
			if n := len(g.Outputs[0].AudioDescriptions); n != 3 {
				t.Errorf("MP4 carries %d audio tracks, want 3", n)
			}
			continue
		}
		if defaults != 1 || dvs != 1 {
			t.Errorf("%s: %d default audio renditions, %d described-video; want 1 each", g.Name, defaults, dvs)
		}
	}
	// A described-video track is marked in TS too (audio_type 3).
	if ad := s.audio(p, 2); ad.AudioType != audioTypeVisuallyImpaired || ad.StreamName != "English audio description" || ad.LanguageCode != string(mctypes.LanguageCodeEng) {
		t.Errorf("described audio %+v", ad)
	}
}

// TestForcedSubtitlesBurnedIn: a forced track is drawn into the TS and MP4 video outputs and is
// a text track in CMAF, which takes no burn-in (MediaConvert's CMAF caption tables list IMSC and
// WebVTT only).
func TestForcedSubtitlesBurnedIn(t *testing.T) {
	s := Spec{Formats: []Format{CMAF, HLS, MP4}, Ladder: twoRungs}
	p, err := s.Plan(hd, Sidecar{URL: "s3://b/forced.srt", Kind: Forced, Language: "eng"})
	if err != nil {
		t.Fatal(err)
	}
	js := s.Settings("s3://b/ep1.mov", "s3://o/ep1/", p)
	checkAgainstModel(t, js)
	for _, g := range js.OutputGroups {
		for _, o := range g.Outputs {
			burned := slices.ContainsFunc(o.CaptionDescriptions, func(c CaptionDescription) bool {
				return c.DestinationSettings.DestinationType == string(mctypes.CaptionDestinationTypeBurnIn)
			})
			if burned != (o.VideoDescription != nil && g.Name != "CMAF") || (o.VideoDescription == nil && len(o.CaptionDescriptions) > 0 && g.Name != "CMAF") {
				t.Errorf("%s%s: burned in %v", g.Name, o.NameModifier, burned)
			}
		}
		if cs := g.OutputGroupSettings.CMAFGroupSettings; cs != nil && (len(cs.AdditionalManifests) != 2 || len(g.Outputs) != len(p.Renditions)+3) {
			t.Errorf("CMAF: %d outputs, manifests %+v; want the forced track as WebVTT and IMSC", len(g.Outputs), cs.AdditionalManifests)
		}
	}
	if got := Unacceleratable(js); !slices.Contains(got, "burn-in or SCTE-20 captions") {
		t.Errorf("burn-in not counted against acceleration: %v", got)
	}
}

func TestCaptionsAndAudioValidated(t *testing.T) {
	for _, c := range []struct {
		spec Spec
		want string
	}{
		{Spec{Captions: "auto"}, ""},
		{Spec{Captions: "Off"}, ""},
		{Spec{Captions: "CC1:eng:English,CC3:spa:Español"}, ""},
		{Spec{Captions: "CC5:eng:English"}, `Captions[0] "CC5:eng:English" is not allowed; the 608 channel is CC1 to CC4`},
		{Spec{Captions: "CC1:eng:English,CC1:spa:Spanish"}, "maps CC1 a second time"},
		{Spec{Captions: "CC1:english:English"}, `Captions[0] "english" has no valid language`},
		{Spec{Captions: "CC1:eng"}, `"CC1:eng" is not a caption channel; write CC<1-4>:<ISO 639-2 language>:<label>`},
		{Spec{Captions: "CC2:eng:"}, "has no label"},
		{Spec{Audio: "eng,spa"}, ""},
		{Spec{Audio: "First"}, ""},
		{Spec{Audio: "eng,eng"}, `Audio[1] "eng" is listed twice`},
		{Spec{Audio: "english"}, `Audio[0] "english" is not allowed; use all, first or ISO 639-2 language codes`},
	} {
		err := c.spec.Validate()
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("Validate(%+v) = %v, want %q", c.spec, err, c.want)
		}
	}
}

// TestStreamNamesFitMediaConvert: an audio rendition's StreamName (its HLS NAME) keeps to the
// pattern MediaConvert's API gives it, ^[\w\s]*$ (ASCII word characters and spaces), whatever
// the label: accents dropped, punctuation made spaces, another script named in English; and
// NAMEs in a group differ (RFC 8216 4.3.4.1.1).
func TestStreamNamesFitMediaConvert(t *testing.T) {
	m := withAudio(hd, SourceAudio{Track: 1, Language: "spa", Channels: 2}, SourceAudio{Track: 2, Language: "jpn", Channels: 2},
		SourceAudio{Track: 3, Language: "spa", Channels: 2}, SourceAudio{Track: 4, Language: "fra", Channels: 2})
	p, err := Spec{}.Plan(m, Sidecar{URL: "s3://b/ad.wav", Kind: DescribedVideo, Language: "eng", Label: "English (described) – AD"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := range p.Audio {
		got = append(got, Spec{}.WithDefaults().audio(p, i).StreamName)
	}
	if want := "Espanol,Japanese,Espanol 2,Francais,English described AD"; strings.Join(got, ",") != want {
		t.Errorf("stream names %q, want %s", got, want)
	}
	for _, n := range got {
		if !streamNamePattern.MatchString(n) {
			t.Errorf("%q does not match MediaConvert's StreamName pattern", n)
		}
	}
	if p.Audio[2].Label != "Español 2" {
		t.Errorf("labels %+v: a repeated language is numbered", p.Audio)
	}
}

// TestAudioOnlyKeepsOneRendition: an audio-only title gets its first audio track and no
// captions (MediaConvert's audio-only outputs take none), said in its notes.
func TestAudioOnlyKeepsOneRendition(t *testing.T) {
	m := Media{FileSize: 1, HasAudio: true, AudioTracks: []SourceAudio{{Track: 1, Language: "eng", Channels: 2}, {Track: 2, Language: "spa", Channels: 2}},
		CaptionTracks: []SourceCaptions{{Codec: string(mctypes.CodecC608)}}}
	p, err := Spec{Formats: []Format{CMAF, HLS, MP4}}.Plan(m, Sidecar{URL: "s3://b/x.srt", Kind: Subtitles, Language: "eng"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Audio) != 1 || len(p.Captions) != 0 || len(p.Notes) != 2 {
		t.Errorf("audio-only plan: audio %+v captions %+v notes %q", p.Audio, p.Captions, p.Notes)
	}
}

// TestBroadcastMasterMonos: eight mono tracks without languages (5.1 and a stereo mix) are not
// eight languages: tracks 1 and 2 make the one stereo rendition, said in the notes; mono pairs
// that name their languages are paired per language.
func TestBroadcastMasterMonos(t *testing.T) {
	var monos []SourceAudio
	for i := 1; i <= 8; i++ {
		monos = append(monos, SourceAudio{Track: i, Channels: 1})
	}
	p, err := Spec{}.Plan(withAudio(hd, monos...))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Audio) != 1 || fmt.Sprint(p.Audio[0].Tracks) != "[1 2]" || len(p.Notes) != 1 {
		t.Errorf("8 unnamed monos: %+v, notes %q", p.Audio, p.Notes)
	}
	for i := range monos {
		monos[i].Language = "eng"
	}
	if p, _ := (Spec{}).Plan(withAudio(hd, monos...)); len(p.Audio) != 1 || p.Audio[0].Language != "eng" {
		t.Errorf("8 English monos: %+v", p.Audio)
	}
	p, _ = Spec{}.Plan(withAudio(hd, SourceAudio{1, "eng", 1}, SourceAudio{2, "eng", 1}, SourceAudio{3, "spa", 1}, SourceAudio{4, "spa", 1}))
	if len(p.Audio) != 2 || fmt.Sprint(p.Audio[1].Tracks) != "[3 4]" {
		t.Errorf("named mono pairs: %+v", p.Audio)
	}
}

// TestCaptionFileOffset: a caption file's offset becomes MediaConvert's TimeDelta in seconds;
// audio files take none.
func TestCaptionFileOffset(t *testing.T) {
	p, err := Spec{}.Plan(hd, Sidecar{URL: "s3://b/ep1.scc", Kind: ClosedCaptions, Language: "eng", OffsetSeconds: -3600})
	if err != nil {
		t.Fatal(err)
	}
	js := Spec{}.Settings("s3://b/ep1.mov", "s3://o/ep1/", p)
	checkAgainstModel(t, js)
	fs := js.Inputs[0].CaptionSelectors["Captions Selector 1"].SourceSettings.FileSourceSettings
	if fs.TimeDelta != -3600 || fs.TimeDeltaUnits != string(mctypes.FileSourceTimeDeltaUnitsSeconds) {
		t.Errorf("file source %+v", fs)
	}
	if _, err := (Spec{}).Plan(hd, Sidecar{URL: "s3://b/ad.wav", Kind: DescribedVideo, Language: "eng", OffsetSeconds: 2}); err == nil || !strings.Contains(err.Error(), "is for caption files") {
		t.Errorf("audio offset: %v", err)
	}
}

// TestForcedSubtitlesFollowTheAudio: a forced English track over English and Spanish audio is not
// burned in (Spanish viewers would see it and could not turn it off): it is a text track in TS
// HLS too.
func TestForcedSubtitlesFollowTheAudio(t *testing.T) {
	s := Spec{Formats: []Format{CMAF, HLS, MP4}, Ladder: twoRungs}
	m := withAudio(hd, SourceAudio{Track: 1, Language: "eng", Channels: 2}, SourceAudio{Track: 2, Language: "spa", Channels: 2})
	p, err := s.Plan(m, Sidecar{URL: "s3://b/forced.srt", Kind: Forced, Language: "eng"})
	if err != nil {
		t.Fatal(err)
	}
	js := s.Settings("s3://b/ep1.mov", "s3://o/ep1/", p)
	checkAgainstModel(t, js)
	burned, vtt := 0, 0
	for _, g := range js.OutputGroups {
		for _, o := range g.Outputs {
			for _, c := range o.CaptionDescriptions {
				switch mctypes.CaptionDestinationType(c.DestinationSettings.DestinationType) {
				case mctypes.CaptionDestinationTypeBurnIn:
					burned++
				case mctypes.CaptionDestinationTypeWebvtt:
					if g.Name == "HLS" {
						vtt++
					}
				}
			}
		}
	}
	if burned != 0 || vtt != 1 || p.HLSStreams() != 2+2+1 {
		t.Errorf("forced over two audio languages: %d burned in, %d TS WebVTT tracks, %d HLS streams", burned, vtt, p.HLSStreams())
	}
}
