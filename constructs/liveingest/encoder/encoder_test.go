package encoder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"
)

// fitModel decodes v into the MediaLive API model type of aws-sdk-go-v2 (unknown fields rejected)
// and checks every enumerated value against the SDK's lists.
func fitModel(t *testing.T, v any, model any) {
	t.Helper()
	b, _ := json.Marshal(v)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(model); err != nil {
		t.Fatalf("%T does not fit MediaLive's API model: %v", v, err)
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), path+"."+v.Type().Field(i).Name)
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			m := v.MethodByName("Values")
			if v.String() == "" || !m.IsValid() {
				return
			}
			vals := m.Call(nil)[0]
			for i := 0; i < vals.Len(); i++ {
				if vals.Index(i).String() == v.String() {
					return
				}
			}
			t.Errorf("%s = %q is not one of MediaLive's values", path, v.String())
		}
	}
	walk(reflect.ValueOf(model), "")
}

// TestSettingsFitTheAPIModel: every preset and codec gives settings MediaLive's model accepts.
func TestSettingsFitTheAPIModel(t *testing.T) {
	for _, s := range []Spec{{}, {Preset: HD720, Codec: H265, FrameRate: "29.97"}, {Preset: SD540, FrameRate: "25", Captions: CaptionsOff},
		{AudioLanguages: []string{"eng", "spa"}, Captions: "CC1:eng:English,CC3:spa:Espanol"}, {AudioLanguages: []string{"eng", "fra"}, AudioPIDs: []int{482, 483}}} {
		if err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		fitModel(t, s.EncoderSettings("mediapackage"), &mltypes.EncoderSettings{})
		fitModel(t, s.InputSpec(), &mltypes.InputSpecification{})
		fitModel(t, s.Inputs(), &mltypes.InputSettings{})
	}
}

func TestPresets(t *testing.T) {
	for p, want := range map[Preset]string{HD1080: "1920x1080", HD720: "1280x720", SD540: "960x540"} {
		s := Spec{Preset: p}.WithDefaults()
		if got := fmt.Sprintf("%dx%d", s.Ladder[0].Width, s.Ladder[0].Height); got != want {
			t.Errorf("%s tops at %s, want %s", p, got, want)
		}
		// The input specification describes the feed (HD by default), not the ladder: SD540 too.
		if s.InputResolution != string(mltypes.InputResolutionHd) {
			t.Errorf("%s input resolution %s", p, s.InputResolution)
		}
	}
	es := Spec{}.EncoderSettings("mp")
	if err := es.CheckReferences(); err != nil {
		t.Fatal(err)
	}
	h := es.VideoDescriptions[0].CodecSettings.H264Settings
	if h.RateControlMode != "QVBR" || h.GopSize != 2 || h.GopClosedCadence != 1 || h.MaxBitrate != 6_000_000 {
		t.Errorf("1080p settings %+v", h)
	}
	if n := len(es.OutputGroups[0].Outputs); n != 8 {
		t.Errorf("%d outputs, want 6 video + 1 audio + 1 captions (CC1)", n)
	}
	if h265 := (Spec{Codec: H265}).WithDefaults().Ladder[0].MaxBitrate; h265 != 4_200_000 {
		t.Errorf("H.265 1080p cap %d, want 30%% below H.264", h265)
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		spec Spec
		want string
	}{
		{Spec{Preset: "4K"}, `Preset "4K" is not allowed; use HD1080, HD720 or SD540`},
		{Spec{GOPSeconds: 4}, `GOPSeconds 4 is not allowed; use a whole number of seconds that divides SegmentSeconds (6)`},
		{Spec{InputResolution: "HD", Ladder: []Rendition{{Width: 3840, Height: 2160, MaxBitrate: 15_000_000}}}, `Ladder[0].Height 2160 is taller than the input specification allows (InputResolution HD`},
		{Spec{Ladder: []Rendition{{Width: 1920, Height: 1080, MaxBitrate: 25_000_000}}}, `Ladder[0].MaxBitrate 25000000 is above the input's own bit rate (InputMaximumBitrate MAX_20_MBPS)`},
		{Spec{Ladder: []Rendition{{Width: 1281, Height: 720, MaxBitrate: 3_000_000}}}, `Ladder[0].Width 1281 is not allowed`},
		{Spec{Ladder: []Rendition{{Width: 640, Height: 360, MaxBitrate: 700_000}, {Width: 1280, Height: 720, MaxBitrate: 3_000_000}}}, `Ladder[1] is not below Ladder[0]`},
		{Spec{Ladder: []Rendition{{Width: 640, Height: 360, MaxBitrate: 50_000}}}, `Ladder[0].MaxBitrate 50000 bits per second is not allowed; use 100000 to 40000000`},
		{Spec{FrameRate: "24"}, `FrameRate "24" is not allowed`},
		{Spec{AudioBitrate: 100}, `AudioBitrate 100 is not allowed`},
		{Spec{Captions: "CC0:eng:English"}, `Captions[0] "CC0:eng:English" is not allowed; the 608 channel is CC1 to CC4`},
		{Spec{Captions: "CC1:eng:English,CC1:fra:Francais"}, `maps CC1 a second time`},
		{Spec{AudioLanguages: []string{"eng", "EN"}}, `AudioLanguages[1] "EN" has no valid language`},
		{Spec{AudioLanguages: []string{"eng", "eng"}}, `AudioLanguages[1] "eng" is listed twice`},
		{Spec{AudioLanguages: []string{"eng", "spa"}, AudioPIDs: []int{482}}, `AudioPIDs has 1 PIDs for 2 AudioLanguages; give one PID per language`},
		{Spec{AudioLanguages: []string{"eng"}, AudioPIDs: []int{9000}}, `AudioPIDs[0] 9000 is not allowed; use 0 to 8191`},
		{Spec{InputResolution: "UHD", InputMaximumBitrate: "MAX_50_MBPS", Ladder: []Rendition{{Width: 3840, Height: 2160, MaxBitrate: 15_000_000}}}, ""},
	}
	for _, c := range cases {
		err := c.spec.Validate()
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("Validate(%+v) = %v, want %q", c.spec, err, c.want)
		}
	}
}

// TestCheckReferences: what MediaLive rejects at channel creation is found at synth.
func TestCheckReferences(t *testing.T) {
	break1 := Spec{}.EncoderSettings("mp")
	break1.OutputGroups[0].Outputs[0].VideoDescriptionName = "video_missing"
	break2 := Spec{}.EncoderSettings("mp")
	break2.AudioDescriptions = append(break2.AudioDescriptions, AudioDescription{Name: "audio_spare"})
	break3 := Spec{}.EncoderSettings("mp")
	break3.OutputGroups[0].Outputs[1].OutputName = break3.OutputGroups[0].Outputs[0].OutputName
	in := Spec{}.Inputs()
	break4 := Spec{}.EncoderSettings("mp")
	break4.CaptionDescriptions[0].CaptionSelectorName = "cc9"
	if err := break4.CheckSelectors(in); err == nil || !strings.Contains(err.Error(), `reads selector "cc9", which the input has not`) {
		t.Errorf("a caption description without its selector: %v", err)
	}
	in.AudioSelectors = append(in.AudioSelectors, in.AudioSelectors[0])
	if err := (Spec{}).EncoderSettings("mp").CheckSelectors(in); err == nil || !strings.Contains(err.Error(), "is defined twice") {
		t.Errorf("a selector twice: %v", err)
	}
	for want, es := range map[string]EncoderSettings{
		`names video description "video_missing", which does not exist`: break1,
		`audio_spare are referenced by no output`:                       break2,
		`is used twice`: break3,
	} {
		if err := es.CheckReferences(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// TestCaptionsAndAudioLanguages: each 608 channel carried is a selector (its channel number), a
// TTML description and a CMAF ingest output of its own; each audio language a selector (by
// language descriptor, strictly, or by PID), an AAC description with its language and an output
// of its own, in the order given (MediaPackage v2 makes the first the default); off leaves
// captions out.
func TestCaptionsAndAudioLanguages(t *testing.T) {
	s := Spec{AudioLanguages: []string{"spa", "eng"}, Captions: "CC1:eng:English,CC3:spa:Espanol"}
	es, in := s.EncoderSettings("mp"), s.Inputs()
	if err := es.CheckReferences(); err != nil {
		t.Fatal(err)
	}
	var sel, outs []string
	for _, a := range in.AudioSelectors {
		l := a.SelectorSettings.AudioLanguageSelection
		if l.LanguageSelectionPolicy != string(mltypes.AudioLanguageSelectionPolicyStrict) {
			t.Errorf("%s selects %s loosely", a.Name, l.LanguageCode)
		}
		sel = append(sel, a.Name+"="+l.LanguageCode)
	}
	for _, c := range in.CaptionSelectors {
		e := c.SelectorSettings.EmbeddedSourceSettings
		sel = append(sel, fmt.Sprintf("%s=CC%d", c.Name, e.Source608ChannelNumber))
	}
	for _, o := range es.OutputGroups[0].Outputs {
		if o.VideoDescriptionName == "" {
			outs = append(outs, strings.Join(append(o.AudioDescriptionNames, o.CaptionDescriptionNames...), "+")+o.OutputSettings.CMAFIngestOutputSettings.NameModifier)
		}
	}
	if got := strings.Join(sel, " "); got != "audio_spa=spa audio_eng=eng cc1=CC1 cc3=CC3" {
		t.Errorf("selectors %s", got)
	}
	if got := strings.Join(outs, " "); got != "audio_aac_spa_audio_spa audio_aac_eng_audio_eng captions_cc1_eng_captions_cc1_eng captions_cc3_spa_captions_cc3_spa" {
		t.Errorf("outputs %s", got)
	}
	for _, c := range es.CaptionDescriptions {
		if c.DestinationSettings.TtmlDestinationSettings == nil || c.LanguageCode == "" || c.LanguageDescription == "" {
			t.Errorf("caption description %+v", c)
		}
	}
	if a := es.AudioDescriptions[0]; a.LanguageCodeControl != string(mltypes.AudioDescriptionLanguageCodeControlUseConfigured) || a.LanguageCode != "spa" || a.StreamName != "Español" {
		t.Errorf("first audio %+v", a)
	}
	pids := Spec{AudioLanguages: []string{"eng", "fra"}, AudioPIDs: []int{482, 483}}.Inputs()
	if p := pids.AudioSelectors[1].SelectorSettings.AudioPidSelection; p == nil || p.Pid != 483 {
		t.Errorf("PID selectors %+v", pids.AudioSelectors)
	}
	off := Spec{Captions: CaptionsOff}
	if len(off.EncoderSettings("mp").CaptionDescriptions) != 0 || len(off.Inputs().CaptionSelectors) != 0 {
		t.Errorf("captions off still carries captions")
	}
	def := Spec{}.Inputs()
	if len(def.AudioSelectors) != 1 || def.AudioSelectors[0].Name != AudioSelector || len(def.CaptionSelectors) != 1 || def.CaptionSelectors[0].SelectorSettings.EmbeddedSourceSettings.Source608ChannelNumber != 1 {
		t.Errorf("default selectors %+v", def)
	}
}
