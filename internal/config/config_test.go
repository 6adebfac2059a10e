package config

import (
	"os"
	"strings"
	"testing"

	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"

	"github.com/streamcdk/streamcdk/constructs/mezzanine"
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
	p, err := Load(getter(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
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
	}
	p, err := Load(getter(ctx), keys(ctx))
	if err != nil {
		t.Fatal(err)
	}
	m := p.Vod.Mezzanine
	if m.ArchiveClass != mezzanine.ArchiveGlacier || m.ArchiveAfterDays != 10 || len(m.CorsAllowedOrigins) != 2 || !m.TransferAcceleration {
		t.Errorf("got %+v", m)
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		ctx  map[string]any
		want string
	}{
		{map[string]any{"vod:archiveClass": "S3"}, `context vod:archiveClass: "S3" is not allowed; use one of GLACIER, DEEP_ARCHIVE`},
		{map[string]any{"vod:archiveAfterDays": "ten"}, `context vod:archiveAfterDays: "ten" is not allowed; use a whole number from 1 to 3650`},
		{map[string]any{"vod:archiveAfterDays": "0"}, `vod:archiveAfterDays: "0" is not allowed`},
		{map[string]any{"vod:transferAcceleration": "yes"}, `context vod:transferAcceleration: "yes" is not allowed; use true or false`},
		{map[string]any{"vod:uploadCorsOrigins": "example.com"}, `context vod:uploadCorsOrigins: "example.com" is not an origin`},
		{map[string]any{"streamcdk:vodStackName": "my_stack"}, `context streamcdk:vodStackName: "my_stack" is not allowed; use a CloudFormation stack name`},
		{map[string]any{"vod:archiveClas": "GLACIER"}, `context vod:archiveClas is not a StreamCDK setting`},
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
	p, err := Load(getter(ctx), keys(ctx))
	if err != nil {
		t.Fatal(err)
	}
	e := p.Vod.Pipeline.Encoding
	if len(e.Ladder) != 2 || e.Ladder[0].MaxBitrate != 6_000_000 || e.Ladder[1].QvbrLevel != 6 {
		t.Errorf("ladder %+v", e.Ladder)
	}
	if len(e.Formats) != 2 || e.Formats[0] != "CMAF" || e.Formats[1] != "MP4" {
		t.Errorf("formats %v", e.Formats)
	}
	if p.Vod.Pipeline.UserMetadata["show"] != "evening" || !p.Vod.Pipeline.CreateQueue || p.Vod.Pipeline.QueueName != "" {
		t.Errorf("pipeline %+v", p.Vod.Pipeline)
	}
	if p.Vod.Cdn.PriceClass != cf.PriceClass_PRICE_CLASS_200 || p.Vod.Cdn.GeoAllowList[1] != "DE" || !p.Vod.MediaPackage {
		t.Errorf("cdn %+v", p.Vod.Cdn)
	}
}
