package jobspec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"
)

// checkAgainstModel decodes job settings into the MediaConvert API model of aws-sdk-go-v2
// (unknown fields rejected: a misspelt or misplaced setting fails here, not in a job) and checks
// every enumerated value against the SDK's own list of values.
func checkAgainstModel(t *testing.T, settings JobSettings) {
	t.Helper()
	b, err := json.Marshal(settings)
	if err != nil {
		t.Fatal(err)
	}
	var model mctypes.JobSettings
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&model); err != nil {
		t.Fatalf("job settings do not fit MediaConvert's API model: %v", err)
	}
	n := 0
	walkEnums(reflect.ValueOf(model), "Settings", func(path string, v reflect.Value, allowed []string) {
		n++
		for _, a := range allowed {
			if a == v.String() {
				return
			}
		}
		t.Errorf("%s = %q is not one of MediaConvert's values %v", path, v.String(), allowed)
	})
	if n < 10 {
		t.Errorf("checked only %d enumerated values", n)
	}
	// The SDK's types carry no patterns: MediaConvert's StreamName pattern is checked here.
	for _, g := range settings.OutputGroups {
		for _, o := range g.Outputs {
			for _, a := range o.AudioDescriptions {
				if !streamNamePattern.MatchString(a.StreamName) {
					t.Errorf("%s%s: StreamName %q does not match MediaConvert's ^[\\w\\s]*$", g.Name, o.NameModifier, a.StreamName)
				}
			}
		}
	}
}

// walkEnums calls f for every non-empty string field whose type lists its values (Values()).
func walkEnums(v reflect.Value, path string, f func(string, reflect.Value, []string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkEnums(v.Elem(), path, f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkEnums(v.Field(i), path+"."+v.Type().Field(i).Name, f)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkEnums(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkEnums(v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k), f)
		}
	case reflect.String:
		m := v.MethodByName("Values")
		if v.String() == "" || !m.IsValid() {
			return
		}
		out := m.Call(nil)[0]
		allowed := make([]string, out.Len())
		for i := range allowed {
			allowed[i] = out.Index(i).String()
		}
		f(path, v, allowed)
	}
}

// TestSettingsFitTheAPIModel: the settings of every format, codec and layout fit MediaConvert's
// API model as the SDK describes it.
func TestSettingsFitTheAPIModel(t *testing.T) {
	landscape := Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 3840, Height: 2160}
	cases := []struct {
		name  string
		spec  Spec
		media Media
	}{
		{"all formats", Spec{Formats: []Format{CMAF, HLS, MP4, Thumbnails}}, landscape},
		{"hevc", Spec{Codec: H265, Formats: []Format{CMAF, MP4, Thumbnails}}, Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1080, Height: 1920}},
		{"no audio", Spec{Formats: []Format{CMAF, HLS, MP4}}, Media{FileSize: 1, HasVideo: true, Width: 1280, Height: 720}},
		{"audio only", Spec{Formats: []Format{CMAF, HLS, MP4, Thumbnails}}, Media{FileSize: 1, HasAudio: true}},
		{"hdr", Spec{Formats: []Format{CMAF, HLS, Thumbnails}}, Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Duration: 60, Transfer: string(mctypes.TransferCharacteristicsAribB67)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := c.spec.Plan(c.media)
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstModel(t, c.spec.Settings("s3://sources/show/ep1.mov", "s3://outputs/show/ep1/", p))
		})
	}
}
