package jobspec

import (
	mctypes "github.com/aws/aws-sdk-go-v2/service/mediaconvert/types"

	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPlanNeverUpscalesAndFollowsOrientation(t *testing.T) {
	cases := []struct {
		name   string
		m      Media
		layout string
		first  string // WxH of the top rendition
		count  int
	}{
		{"2160p keeps a 2160p rung", Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 3840, Height: 2160}, "landscape", "3840x2160", 8},
		{"720p source stops at 720p", Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1280, Height: 720}, "landscape", "1280x720", 5},
		{"portrait 1080x1920", Media{FileSize: 1, HasVideo: true, Width: 1080, Height: 1920}, "portrait", "1080x1920", 6},
		{"4:3 source keeps its aspect", Media{FileSize: 1, HasVideo: true, Width: 640, Height: 480}, "landscape", "576x432", 3},
		{"tiny source gets one rung at its size", Media{FileSize: 1, HasVideo: true, Width: 320, Height: 180}, "landscape", "320x180", 1},
		{"audio only", Media{FileSize: 1, HasAudio: true}, "audio-only", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Spec{}.Plan(c.m)
			if err != nil {
				t.Fatal(err)
			}
			if p.Layout != c.layout || len(p.Renditions) != c.count {
				t.Fatalf("layout %s with %d renditions, want %s with %d", p.Layout, len(p.Renditions), c.layout, c.count)
			}
			for _, r := range p.Renditions {
				if r.Width > max(c.m.Width, 2) || r.Height > max(c.m.Height, 2) || r.Width%2 != 0 || r.Height%2 != 0 {
					t.Errorf("rendition %dx%d upscales %dx%d or is odd", r.Width, r.Height, c.m.Width, c.m.Height)
				}
			}
			if c.count > 0 {
				if got := strings.TrimPrefix(modifier(p.Renditions[0]), "_"); !strings.HasPrefix(got, c.first+"_") {
					t.Errorf("top rendition %s, want %s", got, c.first)
				}
			}
		})
	}
}

func TestPlanRejects(t *testing.T) {
	cases := map[string]Media{
		"the source file is empty":                 {FileSize: 0, HasVideo: true, Width: 10, Height: 10},
		"the source has no video or audio track":   {FileSize: 10},
		"the video track has no usable resolution": {FileSize: 10, HasVideo: true},
	}
	for want, m := range cases {
		_, err := Spec{}.Plan(m)
		var rej *Rejection
		if !errors.As(err, &rej) || !strings.Contains(rej.Reason, want) {
			t.Errorf("Plan(%+v) = %v, want rejection %q", m, err, want)
		}
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		spec Spec
		want string
	}{
		{Spec{}, ""},
		{Spec{Codec: "VP9"}, `Codec "VP9" is not allowed; use H_264 or H_265`},
		{Spec{Formats: []Format{"WEBM"}}, `Formats[0] "WEBM" is not allowed`},
		{Spec{Formats: []Format{CMAF, CMAF}}, `Formats[1] "CMAF" is listed twice`},
		{Spec{Formats: []Format{Thumbnails}}, `has no video output`},
		{Spec{Codec: H265, Formats: []Format{HLS}}, `HEVC in HLS must be in fragmented MP4`},
		{Spec{Ladder: []Rendition{{ShortSide: 4320, MaxBitrate: 1e6}}}, `Ladder[0].ShortSide 4320 is not allowed`},
		{Spec{Ladder: []Rendition{{ShortSide: 721, MaxBitrate: 1e6}}}, `Ladder[0].ShortSide 721 is not allowed`},
		{Spec{Ladder: []Rendition{{ShortSide: 720, MaxBitrate: 10}}}, `Ladder[0].MaxBitrate 10 bits per second is not allowed; use 50000 to 40000000 bits per second`},
		{Spec{Ladder: []Rendition{{ShortSide: 720, MaxBitrate: 1e6, QVBRLevel: 11}}}, `Ladder[0].QVBRLevel 11 is not allowed`},
		{Spec{Ladder: []Rendition{{ShortSide: 360, MaxBitrate: 1e6}, {ShortSide: 720, MaxBitrate: 2e6}}}, `list renditions largest first`},
		{Spec{SegmentSeconds: 6, GOPSeconds: 4}, `GOPSeconds 4 is not allowed`},
		{Spec{SegmentSeconds: 31}, `SegmentSeconds 31 seconds is not allowed`},
		{Spec{AudioBitrate: 100000}, `AudioBitrate 100000 is not allowed`},
		{Spec{ThumbnailSeconds: -1}, `ThumbnailSeconds -1 seconds is not allowed`},
	}
	for _, c := range cases {
		err := c.spec.Validate()
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("Validate(%+v) = %v, want %q", c.spec, err, c.want)
		}
	}
}

func TestSettings(t *testing.T) {
	s := Spec{Formats: []Format{CMAF, HLS, MP4, Thumbnails}}
	p, err := s.Plan(Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080})
	if err != nil {
		t.Fatal(err)
	}
	js := s.Settings("s3://src/a/b.mov", "s3://out/a/b/", p)
	names := []string{}
	for _, g := range js.OutputGroups {
		names = append(names, g.Name)
	}
	if strings.Join(names, ",") != "CMAF,HLS,MP4,Thumbnails" {
		t.Errorf("groups %v", names)
	}
	cmaf := js.OutputGroups[0]
	if got := cmaf.OutputGroupSettings.CMAFGroupSettings.Destination; got != "s3://out/a/b/cmaf/index" {
		t.Errorf("CMAF destination %s", got)
	}
	// CMAF: one output per video rendition plus one audio-only output.
	if len(cmaf.Outputs) != len(p.Renditions)+1 || cmaf.Outputs[len(cmaf.Outputs)-1].VideoDescription != nil {
		t.Errorf("CMAF outputs: %d", len(cmaf.Outputs))
	}
	h := cmaf.Outputs[0].VideoDescription.CodecSettings.H264Settings
	if h.RateControlMode != "QVBR" || h.MaxBitrate != 7_800_000 || h.GopSize != 2 || h.CodecProfile != "HIGH" {
		t.Errorf("top rendition H.264 settings %+v", h)
	}
	if th := js.OutputGroups[3].Outputs[0].VideoDescription; th.Width != 1280 || th.Height != 720 {
		t.Errorf("thumbnails %dx%d, want 1280x720 from a 1080p source", th.Width, th.Height)
	}
	b, _ := json.Marshal(js)
	for _, k := range []string{`"FileInput":"s3://src/a/b.mov"`, `"AudioSelectors":{"Audio Selector 1"`, `"Container":"RAW"`, `"FramerateDenominator":10`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("settings JSON lacks %s", k)
		}
	}

	// No audio track: no selectors, no audio descriptions.
	p2, _ := s.Plan(Media{FileSize: 1, HasVideo: true, Width: 640, Height: 360})
	b2, _ := json.Marshal(s.Settings("s3://src/x.mp4", "s3://out/x/", p2))
	if strings.Contains(string(b2), "Audio") {
		t.Errorf("silent source got audio settings: %s", b2)
	}
	// HEVC is tagged hvc1 for Apple players.
	hs := Spec{Codec: H265}
	p3, _ := hs.Plan(Media{FileSize: 1, HasVideo: true, Width: 640, Height: 360})
	if v := hs.Settings("s3://a/b", "s3://c/", p3).OutputGroups[0].Outputs[0].VideoDescription.CodecSettings.H265Settings; v == nil || v.WriteMp4PackagingType != "HVC1" || v.MaxBitrate != 510_000 {
		t.Errorf("H.265 settings %+v", v)
	}
}

// TestOutputBase: each source key has its own output folder, so ep1.mp4 and ep1.mov never
// overwrite each other's renditions.
func TestOutputBase(t *testing.T) {
	cases := [][3]string{
		{"uploads/show/ep1.MOV", "uploads/", "show/ep1-MOV"},
		{"uploads/show/ep1.mp4", "uploads/", "show/ep1-mp4"},
		{"a.b.c.mp4", "", "a.b.c-mp4"},
		{"uploads/.mp4", "uploads/", "source-mp4"},
		{"uploads/show/.mov", "uploads/", "show/source-mov"},
	}
	for _, c := range cases {
		if got := OutputBase(c[0], c[1]); got != c[2] {
			t.Errorf("OutputBase(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// TestFrameSizeLimits: outputs stay inside MediaConvert's frames: 32 pixels a side at least,
// and the codec's maximum (MaxFrame: AVC 4096x2160, HEVC 8192x4320), aspect ratio kept.
func TestFrameSizeLimits(t *testing.T) {
	_, err := Spec{}.Plan(Media{FileSize: 1, HasVideo: true, Width: 1920, Height: 20})
	if r, ok := err.(*Rejection); !ok || !strings.Contains(r.Reason, "at least 32 pixels") {
		t.Errorf("1920x20: %v, want a rejection naming the 32-pixel minimum", err)
	}
	for _, c := range []struct {
		codec         Codec
		width, height int
		top           [2]int
	}{
		{H265, 16000, 2000, [2]int{8192, 1024}},
		{H265, 2000, 16000, [2]int{1024, 8192}},
		{H264, 16000, 2000, [2]int{4096, 512}},
		{H264, 2000, 16000, [2]int{512, 4096}},
		// Wider than AVC's 4096 at 2160 lines: scaled into 4096x2160, not 5120 or 5760 wide.
		{H264, 5120, 2160, [2]int{4096, 1728}},
		{H264, 8192, 2048, [2]int{4096, 1024}},
		{H264, 3840, 2160, [2]int{3840, 2160}},
		{H265, 5120, 2160, [2]int{5120, 2160}},
	} {
		p, err := Spec{Codec: c.codec}.Plan(Media{FileSize: 1, HasVideo: true, Width: c.width, Height: c.height})
		if err != nil {
			t.Fatal(err)
		}
		long, short := MaxFrame(c.codec)
		for _, r := range p.Renditions {
			if max(r.Width, r.Height) > long || min(r.Width, r.Height) > short || min(r.Width, r.Height) < MinFrameSide || r.Width%2 != 0 || r.Height%2 != 0 {
				t.Errorf("%s %dx%d: rendition %dx%d is outside %dx%d or odd", c.codec, c.width, c.height, r.Width, r.Height, long, short)
			}
		}
		if top := p.Renditions[0]; [2]int{top.Width, top.Height} != c.top {
			t.Errorf("%s %dx%d: top rendition %dx%d, want %dx%d", c.codec, c.width, c.height, top.Width, top.Height, c.top[0], c.top[1])
		}
	}
}

// TestAccelerationPreferredForLongSources: PREFERRED accelerates (and bills at the
// Professional tier) only sources of ten minutes or more, as AWS advises; shorter ones run
// DISABLED; an unknown duration keeps PREFERRED.
func TestAccelerationPreferredForLongSources(t *testing.T) {
	s := Spec{Formats: []Format{CMAF}}
	for _, c := range []struct {
		seconds float64
		want    mctypes.AccelerationMode
	}{{120, mctypes.AccelerationModeDisabled}, {MinAcceleratedSeconds, mctypes.AccelerationModePreferred}, {0, mctypes.AccelerationModePreferred}} {
		m := Media{FileSize: 1, HasVideo: true, Width: 1920, Height: 1080, Duration: c.seconds, Container: string(mctypes.FormatMp4), VideoCodec: string(mctypes.CodecAvc)}
		p, err := s.Plan(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Acceleration(string(mctypes.AccelerationModePreferred), m, p); got != string(c.want) {
			t.Errorf("%g s source: %s, want %s", c.seconds, got, c.want)
		}
	}
}

// TestAccelerationConsidersFeatures: ENABLED never reaches a job using a feature MediaConvert
// lists as not supported with accelerated transcoding (ad breaks: ESAM and SCTE-35
// passthrough; thumbnails: frame capture); such jobs run PREFERRED, which falls back.
func TestAccelerationConsidersFeatures(t *testing.T) {
	m := Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Duration: 600, Container: string(mctypes.FormatMp4), VideoCodec: string(mctypes.CodecAvc)}
	for _, c := range []struct {
		spec     Spec
		features []string
		mode     string
	}{
		{Spec{Formats: []Format{HLS}}, nil, "ENABLED"},
		{Spec{Formats: []Format{HLS}, AdBreaks: []int{60}}, []string{"ESAM", "SCTE-35 passthrough"}, "PREFERRED"},
		{Spec{Formats: []Format{CMAF, Thumbnails}}, []string{"frame capture"}, "PREFERRED"},
	} {
		p, err := c.spec.Plan(m)
		if err != nil {
			t.Fatal(err)
		}
		got := Unacceleratable(c.spec.Settings("s3://a/b.mp4", "s3://o/b/", p))
		if strings.Join(got, ",") != strings.Join(c.features, ",") {
			t.Errorf("%v: unacceleratable %q, want %q", c.spec.Formats, got, c.features)
		}
		if mode := c.spec.Acceleration(string(mctypes.AccelerationModeEnabled), m, p); mode != c.mode {
			t.Errorf("%v ad breaks %v: acceleration %s, want %s", c.spec.Formats, c.spec.AdBreaks, mode, c.mode)
		}
	}
}

// TestPreprocessingAndCaptures: every video output deinterlaces adaptively, HDR sources are
// tone-mapped to SDR BT.709 (SDR ones are left alone), and thumbnails are counted.
func TestPreprocessingAndCaptures(t *testing.T) {
	s := Spec{Formats: []Format{CMAF, HLS, MP4, Thumbnails}}
	for _, c := range []struct {
		media   Media
		toneMap bool
	}{
		{Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Duration: 95.5}, false},
		{Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Duration: 95.5, Transfer: string(mctypes.TransferCharacteristicsSmpte2084)}, true},
		{Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Primaries: string(mctypes.ColorPrimariesItu2020)}, true},
	} {
		p, err := s.Plan(c.media)
		if err != nil {
			t.Fatal(err)
		}
		js := s.Settings("s3://a/b.mov", "s3://o/b/", p)
		videos := 0
		for _, g := range js.OutputGroups {
			for _, o := range g.Outputs {
				vd := o.VideoDescription
				if vd == nil {
					continue
				}
				videos++
				if vd.VideoPreprocessors == nil || vd.VideoPreprocessors.Deinterlacer == nil || vd.VideoPreprocessors.Deinterlacer.Mode != "ADAPTIVE" {
					t.Errorf("%s%s: no adaptive deinterlacer", g.Name, o.NameModifier)
				}
				cc := vd.VideoPreprocessors.ColorCorrector
				if got := cc != nil && cc.ColorSpaceConversion == "FORCE_709" && cc.HdrToSdrToneMapper != ""; got != c.toneMap {
					t.Errorf("%+v: %s%s tone-mapped %v, want %v", c.media, g.Name, o.NameModifier, got, c.toneMap)
				}
				if fc := vd.CodecSettings.FrameCaptureSettings; fc != nil {
					want := maxCaptures
					if c.media.Duration > 0 {
						want = 10 // 0, 10, ... 90 s
					}
					if fc.MaxCaptures != want {
						t.Errorf("MaxCaptures %d, want %d", fc.MaxCaptures, want)
					}
				}
			}
		}
		if videos < 10 {
			t.Errorf("%d video outputs", videos)
		}
	}
}

// TestAcceleration: ENABLED only where the job qualifies; never for audio-only jobs.
func TestAcceleration(t *testing.T) {
	video := Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1920, Height: 1080, Container: "quicktime", VideoCodec: "PRORES"}
	audio := Media{FileSize: 1, HasAudio: true, Container: "mp4"}
	vp9 := video
	vp9.Container, vp9.VideoCodec = "webm", "VP9"
	cases := []struct {
		spec      Spec
		requested string
		media     Media
		want      string
	}{
		{Spec{}, "ENABLED", video, "ENABLED"},
		{Spec{}, "PREFERRED", video, "PREFERRED"},
		{Spec{}, "DISABLED", video, "DISABLED"},
		{Spec{}, "", video, "PREFERRED"},
		{Spec{}, "ENABLED", vp9, "PREFERRED"},
		{Spec{Formats: []Format{CMAF, Thumbnails}}, "ENABLED", video, "PREFERRED"},
		{Spec{}, "ENABLED", audio, "DISABLED"},
		{Spec{}, "PREFERRED", audio, "DISABLED"},
	}
	for _, c := range cases {
		p, err := c.spec.Plan(c.media)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.spec.Acceleration(c.requested, c.media, p); got != c.want {
			t.Errorf("%s for %s/%s %v: %s, want %s", c.requested, c.media.Container, c.media.VideoCodec, c.spec.Formats, got, c.want)
		}
	}
}

// TestAdBreakCues: each position within the title becomes one SCTE-35 time signal at that
// point (no preroll) and one empty cue pair in the HLS manifests, in well-formed ESAM XML; the
// HLS outputs pass the signals through and write Elemental cue tags; other groups are untouched.
func TestAdBreakCues(t *testing.T) {
	s := Spec{Formats: []Format{CMAF, HLS}, AdBreaks: []int{60, 300, 900}}
	p, err := s.Plan(Media{FileSize: 1, HasVideo: true, HasAudio: true, Width: 1280, Height: 720, Duration: 600})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(p.AdBreaks) != "[60 300]" {
		t.Fatalf("plan breaks %v, want [60 300] (900 is past the end)", p.AdBreaks)
	}
	js := s.Settings("s3://in/a.mov", "s3://out/a/", p)
	checkAgainstModel(t, js)
	if js.Esam == nil || js.Esam.ResponseSignalPreroll != 0 {
		t.Fatalf("Esam %+v", js.Esam)
	}
	var scc struct {
		Signals []struct {
			ID  string `xml:"acquisitionSignalID,attr"`
			NPT struct {
				Point string `xml:"nptPoint,attr"`
			} `xml:"NPTPoint"`
			Descriptor struct {
				Command string `xml:"spliceCommandType,attr"`
				Info    struct {
					Type string `xml:"segmentTypeId,attr"`
				} `xml:"SegmentationDescriptorInfo"`
			} `xml:"SCTE35PointDescriptor"`
		} `xml:"ResponseSignal"`
	}
	if err := xml.Unmarshal([]byte(js.Esam.SignalProcessingNotification.SccXml), &scc); err != nil {
		t.Fatalf("SCC XML: %v", err)
	}
	var mcc struct {
		Responses []struct {
			ID   string `xml:"acquisitionSignalID,attr"`
			Tags []struct {
				Value string `xml:"value,attr"`
			} `xml:"SegmentModify>FirstSegment>Tag"`
			Last []struct{} `xml:"SegmentModify>LastSegment"`
		} `xml:"ManifestResponse"`
	}
	if err := xml.Unmarshal([]byte(js.Esam.ManifestConfirmConditionNotification.MccXml), &mcc); err != nil {
		t.Fatalf("MCC XML: %v", err)
	}
	if len(scc.Signals) != 2 || len(mcc.Responses) != 2 {
		t.Fatalf("%d signals, %d manifest responses; want 2 each", len(scc.Signals), len(mcc.Responses))
	}
	for i, at := range []string{"60", "300"} {
		sg, r := scc.Signals[i], mcc.Responses[i]
		if sg.NPT.Point != at || sg.Descriptor.Command != "06" || sg.Descriptor.Info.Type != "52" || sg.ID != r.ID {
			t.Errorf("signal %d: %+v (response %s)", i, sg, r.ID)
		}
		// An insertion point for MediaTailor: CUE-OUT:0 immediately followed by CUE-IN, no segment between.
		if len(r.Tags) != 2 || r.Tags[0].Value != "#EXT-X-CUE-OUT:0" || r.Tags[1].Value != "#EXT-X-CUE-IN" || len(r.Last) != 0 {
			t.Errorf("response %d: %+v", i, r)
		}
	}
	for _, g := range js.OutputGroups {
		for _, o := range g.Outputs {
			if (g.Name == "HLS") != (o.ContainerSettings.M3u8Settings != nil && o.ContainerSettings.M3u8Settings.Scte35Source == "PASSTHROUGH") {
				t.Errorf("%s output %s: M3u8Settings %+v", g.Name, o.NameModifier, o.ContainerSettings.M3u8Settings)
			}
		}
		if hls := g.OutputGroupSettings.HLSGroupSettings; hls != nil && fmt.Sprint(hls.AdMarkers) != "[ELEMENTAL]" {
			t.Errorf("HLS AdMarkers %v", hls.AdMarkers)
		}
	}
	// Without positions, nothing of it.
	p.AdBreaks = nil
	if js := (Spec{Formats: []Format{HLS}}).Settings("s3://in/a.mov", "s3://out/a/", p); js.Esam != nil || js.OutputGroups[0].OutputGroupSettings.HLSGroupSettings.AdMarkers != nil {
		t.Errorf("cues without ad breaks")
	}
}

func TestAdBreaksValidated(t *testing.T) {
	for _, c := range []struct {
		spec Spec
		want string
	}{
		{Spec{AdBreaks: []int{60}}, "needs HLS in Formats"},
		{Spec{Formats: []Format{HLS}, AdBreaks: []int{0}}, "AdBreaks[0] 0 seconds is not allowed; use 1 to 86400 seconds"},
		{Spec{Formats: []Format{HLS}, AdBreaks: []int{60, 63}}, "AdBreaks[1] 63 is less than a segment (SegmentSeconds, 6 s) after AdBreaks[0]"},
		{Spec{Formats: []Format{HLS}, AdBreaks: []int{300, 60}}, "AdBreaks[1] 60 is less than a segment"},
	} {
		if err := c.spec.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.spec.AdBreaks, err, c.want)
		}
	}
}
