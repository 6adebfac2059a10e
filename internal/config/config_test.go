package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"

	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/validate"
	"github.com/streamcdk/streamcdk/stacks"
)

func getter(m map[string]any) Getter { return func(k string) any { return m[k] } }

func keys(m map[string]any) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestLoadDefaults(t *testing.T) {
	cfg, err := Load(getter(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Props
	if p.Vod.Mezzanine.ArchiveClass != mezzanine.ArchiveNone || p.Vod.Mezzanine.TransferAcceleration {
		t.Errorf("defaults: %+v", p.Vod.Mezzanine)
	}
}

func TestLoadValues(t *testing.T) {
	ctx := map[string]any{
		"vod:archiveClass":         "GLACIER",
		"vod:archiveAfterDays":     float64(10), // numbers arrive as float64 from cdk.json
		"vod:uploadCorsOrigins":    "https://a.example.com, https://b.example.com",
		"vod:transferAcceleration": true,
		"vod:adBreaks":             float64(60), // a single number is a list of one
		"vod:formats":              []any{"HLS"},
	}
	cfg, err := Load(getter(ctx), keys(ctx))
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Props
	m := p.Vod.Mezzanine
	if m.ArchiveClass != mezzanine.ArchiveGlacier || m.ArchiveAfterDays != 10 || len(m.CORSAllowedOrigins) != 2 || !m.TransferAcceleration || len(p.Vod.Pipeline.Encoding.AdBreaks) != 1 {
		t.Errorf("got %+v", m)
	}
}

// TestLoadErrors: what config itself rejects (the constructs' checks are tested through the
// app in test/errors_test.go).
func TestLoadErrors(t *testing.T) {
	cases := []struct {
		ctx  map[string]any
		want string
	}{
		{map[string]any{"vod:archiveAfterDays": "ten"}, `context vod:archiveAfterDays: "ten" is not allowed; use a whole number`},
		{map[string]any{"vod:archiveAfterDays": "0"}, `context vod:archiveAfterDays: "0" is not allowed; use a positive whole number, or remove the key for the default`},
		{map[string]any{"vod:gopSeconds": 2.5}, `context vod:gopSeconds: 2.5 is not allowed; use a whole number`},
		{map[string]any{"vod:transferAcceleration": "yes"}, `context vod:transferAcceleration: "yes" is not allowed; use true or false`},
		{map[string]any{"vod:codec": ""}, `context vod:codec: "" is empty; give a value, or remove the key for the default`},
		{map[string]any{"vod:formats": " , "}, `context vod:formats: " , " is empty`},
		{map[string]any{"vod:ladder": "1080"}, `context vod:ladder: "1080" is not allowed; rung "1080" is not shortSide:maxKbps[:qvbrLevel]`},
		{map[string]any{"vod:ladder": "1080:7800:0"}, `rung "1080:7800:0" has QVBR level 0`},
		{map[string]any{"vod:priceClass": "300"}, `context vod:priceClass: "300" is not allowed; use one of 100, 200, All`},
		{map[string]any{"vod:archiveClas": "GLACIER"}, `context vod:archiveClas is not a StreamCDK setting; did you mean vod:archiveClass?`},
		{map[string]any{"vdo:codec": "H_265"}, `context vdo:codec is not a StreamCDK setting; did you mean vod:codec?`},
		{map[string]any{"Vod:Codec": "H_265"}, `context Vod:Codec is not a StreamCDK setting; did you mean vod:codec?`},
		{map[string]any{"codec": "H_265"}, `context codec is not a StreamCDK setting; did you mean live:codec or vod:codec?`},
		{map[string]any{"vod:colour": "red"}, `context vod:colour is not a StreamCDK setting; the settings are listed in README.md (Configuration)`},
		{map[string]any{"streamcdk:vodStack": "x"}, `did you mean streamcdk:vodStackName?`},
		// cdk.json may hold any JSON type; each key takes only the ones that mean something for it.
		{map[string]any{"vod:codec": map[string]any{"name": "H_264"}}, `context vod:codec: {"name":"H_264"} is a JSON object; use a string`},
		{map[string]any{"vod:codec": []any{"H_264"}}, `context vod:codec: ["H_264"] is a list; use a string`},
		{map[string]any{"vod:transferAcceleration": float64(1)}, `context vod:transferAcceleration: 1 is a number; use true or false`},
		{map[string]any{"vod:archiveAfterDays": true}, `context vod:archiveAfterDays: true is a boolean; use a whole number`},
		{map[string]any{"vod:archiveAfterDays": []any{float64(10)}}, `context vod:archiveAfterDays: [10] is a list; use a whole number`},
		{map[string]any{"vod:formats": true}, `context vod:formats: true is a boolean; use a comma-separated string ("a,b") or a JSON list (["a","b"])`},
		{map[string]any{"vod:formats": []any{"HLS", []any{"DASH"}}}, `context vod:formats: ["HLS",["DASH"]] is a list with an item that is not a string or a number`},
		{map[string]any{"vod:ladder": map[string]any{"1080": 7800}}, `context vod:ladder: {"1080":7800} is a JSON object`},
		{map[string]any{"vod:formats": []any{"HLS", ""}}, `context vod:formats: ["HLS",""] is not allowed; it has an empty item (number 2)`},
		{map[string]any{"vod:suffixes": []any{"mp4", "mov,mkv"}}, `context vod:suffixes: ["mp4","mov,mkv"] is not allowed; item 2 "mov,mkv" has a comma: give each value as its own item`},
		{map[string]any{"vod:transferAcceleration": "1"}, `context vod:transferAcceleration: "1" is not allowed; use true or false`},
		{map[string]any{"vod:queue": 12345678901234567890.0}, `is a number too large to be read exactly (write it as a string)`},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			_, err := Load(getter(c.ctx), keys(c.ctx))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestOtherKeysIgnored: context keys that are not StreamCDK's (CDK feature flags, the user's own)
// are no error.
func TestOtherKeysIgnored(t *testing.T) {
	ctx := map[string]any{"@aws-cdk/core:newStyleStackSynthesis": true, "aws:cdk:enable-path-metadata": true, "myTeam": "x", "acme:region": "x"}
	if _, err := Load(getter(ctx), keys(ctx)); err != nil {
		t.Error(err)
	}
}

// TestAnyCase: enumerated values are accepted in any case and passed on as the constructs spell them.
func TestAnyCase(t *testing.T) {
	ctx := map[string]any{"vod:codec": "h_265", "vod:trigger": "metadata", "vod:formats": "cmaf,Mp4", "vod:archiveClass": "deep_archive",
		"vod:acceleration": "disabled", "vod:priceClass": "all", "vod:mediaPackage": "tRuE", "vod:suffixes": "MOV,Mp4", "vod:domainNames": "Video.Example.com"}
	cfg, err := Load(getter(ctx), keys(ctx))
	if err != nil {
		t.Fatal(err)
	}
	v := cfg.Props.Vod
	got := fmt.Sprintln(v.Pipeline.Encoding.Codec, v.Pipeline.Trigger, v.Pipeline.Encoding.Formats, v.Mezzanine.ArchiveClass, v.Pipeline.Acceleration, v.CDN.PriceClass, v.MediaPackage, v.Pipeline.Suffixes, v.CDN.DomainNames)
	if want := "H_265 METADATA [CMAF MP4] DEEP_ARCHIVE DISABLED PRICE_CLASS_ALL true [mov mp4] [video.example.com]\n"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestExplain: construct errors about props fields are told with the keys that set them, in
// the keys' units; fields no key sets keep their Go names.
func TestExplain(t *testing.T) {
	ctx := map[string]any{"vod:ladder": "1080:60000000, 720:4500:7", "vod:segmentSeconds": "5", "vod:captions": []any{"CC1:eng:English", "CC5:spa:Espanol"}, "vod:audio": "eng,english"}
	cfg, err := Load(getter(ctx), keys(ctx))
	if err != nil {
		t.Fatal(err)
	}
	nest := func(e error) error {
		return validate.Nest("stacks", "Vod", validate.Nest("stacks", "Pipeline", e))
	}
	cases := []struct {
		err  error
		want string
	}{
		{nest(validate.Nest("transcode", "Encoding", validate.OutOfRange("jobspec", "Ladder[0].MaxBitrate", 60_000_000_000, 50_000, 40_000_000, "bits per second"))),
			`context vod:ladder rung 1 "1080:60000000": 60000000 kb/s is not allowed; use 50 to 40000 kb/s`},
		{nest(validate.Nest("transcode", "Encoding", validate.Invalid("jobspec", "Ladder[1]", validate.NoValue, "is not below {Ladder[0]}; list renditions largest first"))),
			`context vod:ladder rung 2 "720:4500:7" is not below vod:ladder rung 1 "1080:60000000"; list renditions largest first`},
		{nest(validate.Nest("transcode", "Encoding", validate.Invalid("jobspec", "GOPSeconds", 2, "is not allowed; use a whole number of seconds that divides {SegmentSeconds} (5)"))),
			`context vod:gopSeconds: 2 is not allowed; use a whole number of seconds that divides vod:segmentSeconds (5)`},
		{nest(validate.Invalid("transcode", "Source", validate.NoValue, "is required")), `context Vod.Pipeline.Source is required`},
		{nest(validate.Nest("transcode", "Encoding", validate.Invalid("jobspec", "Captions[1]", "CC5:spa:Espanol", "is not allowed; the 608 channel is CC1 to CC4"))),
			`context vod:captions channel 2 "CC5:spa:Espanol": "CC5:spa:Espanol" is not allowed; the 608 channel is CC1 to CC4`},
		{nest(validate.Nest("transcode", "Encoding", validate.Invalid("jobspec", "Audio[1]", "english", "is not allowed"))),
			`context vod:audio language 2 "english": "english" is not allowed`},
		{errors.New("plain"), "plain"},
	}
	for _, c := range cases {
		if got := cfg.Explain(c.err).Error(); got != c.want {
			t.Errorf("Explain:\n got %s\nwant %s", got, c.want)
		}
	}
}

// derived are construct props fields the stacks set from a setting (not in stacks.AppProps):
// a construct's error about them is told in that setting's key.
var derived = map[string]bool{
	"Vod.CDN.AdInsertion":  true, // cdn.Served, on with vod:adDecisionServerUrl
	"Live.CDN.AdInsertion": true, // cdn.Served, on with any channel's ads
	// transcode.PipelineProps: the key given the mezzanine bucket and the packaging group.
	"Vod.Pipeline.SourceEncryptionKey": true, // vod:sourceKmsKeyArn
	"Vod.Pipeline.Packaging":           true, // vod:mediaPackage
	// packaging.LiveChannelProps and liveingest.ChannelProps: the channel's name and segments.
	"Live.Channels[].Packaging.Name":           true, // live:channelName
	"Live.Channels[].Ingest.Name":              true, // live:channelName
	"Live.Channels[].Packaging.SegmentSeconds": true, // live:segmentSeconds, the encoder's
	// The items of a list key held in one string field, which its Validate names by index.
	"Vod.Pipeline.Encoding.Captions[]":           true, // vod:captions
	"Vod.Pipeline.Encoding.Audio[]":              true, // vod:audio
	"Live.Channels[].Ingest.Encoding.Captions[]": true, // live:captions
}

// TestBindingsExist: every field a key is bound to exists in stacks.AppProps (or is derived by
// the stacks), so that no construct error about it can go untranslated because of a typo here.
func TestBindingsExist(t *testing.T) {
	ctx := map[string]any{"vod:ladder": "1080:6000"}
	cfg, err := Load(getter(ctx), keys(ctx))
	if err != nil {
		t.Fatal(err)
	}
	bound := map[string]bool{}
	for _, b := range cfg.bindings {
		bound[b.key] = true
		for _, f := range b.fields {
			path := regexp.MustCompile(`\[\d+\]`).ReplaceAllString(f.path, "[]")
			if !derived[path] && !pathExists(reflect.TypeOf(stacks.AppProps{}), strings.Split(path, ".")) {
				t.Errorf("%s is bound to %s, which stacks.AppProps lacks", b.key, f.path)
			}
		}
	}
	for k := range Keys {
		if !bound[k] {
			t.Errorf("%s is documented but Load reads it into no field", k)
		}
	}
}

func pathExists(t reflect.Type, parts []string) bool {
	for _, p := range parts {
		list := strings.HasSuffix(p, "[]")
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return false
		}
		f, ok := t.FieldByName(strings.TrimSuffix(p, "[]"))
		if !ok {
			return false
		}
		t = f.Type
		if list {
			if t.Kind() != reflect.Slice {
				return false
			}
			t = t.Elem()
		}
	}
	return true
}

// TestEveryKeyDocumented: the README's configuration table names every key Load reads.
func TestEveryKeyDocumented(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for k := range Keys {
		if !strings.Contains(string(b), "| `"+k+"` |") {
			t.Errorf("README.md's configuration table lacks %s", k)
		}
	}
}

func TestLoadPipelineAndCdn(t *testing.T) {
	ctx := map[string]any{
		"vod:ladder":       "1080:6000,720:3500:6",
		"vod:formats":      "cmaf, mp4",
		"vod:userMetadata": "team=news, show=evening",
		"vod:priceClass":   "200",
		"vod:geoAllow":     "us,de",
		"vod:createQueue":  true,
		"vod:mediaPackage": "true",
	}
	cfg, err := Load(getter(ctx), keys(ctx))
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Props
	e := p.Vod.Pipeline.Encoding
	if len(e.Ladder) != 2 || e.Ladder[0].MaxBitrate != 6_000_000 || e.Ladder[1].QVBRLevel != 6 {
		t.Errorf("ladder %+v", e.Ladder)
	}
	if len(e.Formats) != 2 || e.Formats[0] != "CMAF" || e.Formats[1] != "MP4" {
		t.Errorf("formats %v", e.Formats)
	}
	if p.Vod.Pipeline.UserMetadata["show"] != "evening" || !p.Vod.Pipeline.CreateQueue || p.Vod.Pipeline.QueueName != "" {
		t.Errorf("pipeline %+v", p.Vod.Pipeline)
	}
	if p.Vod.CDN.PriceClass != cf.PriceClass_PRICE_CLASS_200 || p.Vod.CDN.GeoAllowList[1] != "DE" || !p.Vod.MediaPackage {
		t.Errorf("cdn %+v", p.Vod.CDN)
	}
}
