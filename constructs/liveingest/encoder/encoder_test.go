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
	for _, s := range []Spec{{}, {Preset: HD720, Codec: H265, FrameRate: "29.97"}, {Preset: SD540, FrameRate: "25"}} {
		if err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		fitModel(t, s.EncoderSettings("mediapackage"), &mltypes.EncoderSettings{})
		fitModel(t, s.InputSpec(), &mltypes.InputSpecification{})
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
	if n := len(es.OutputGroups[0].Outputs); n != 7 {
		t.Errorf("%d outputs, want 6 video + 1 audio", n)
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
