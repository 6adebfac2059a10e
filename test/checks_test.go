package test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// variants are the configurations whose templates cdk-nag and cfn-lint check.
var variants = map[string]map[string]any{
	"default":      nil,
	"mediapackage": mediaPackageVariant,
	"options":      optionsVariant,
}

var mediaPackageVariant = map[string]any{"vod:mediaPackage": "true"}

// optionsVariant sets every optional feature at once.
var optionsVariant = map[string]any{
	"vod:archiveClass":        "GLACIER",
	"vod:archiveAfterDays":    "45",
	"vod:uploadCorsOrigins":   "https://upload.example.com",
	"vod:sourcePrefix":        "uploads/",
	"vod:trigger":             "METADATA",
	"vod:codec":               "H_265",
	"vod:formats":             "CMAF,MP4,THUMBNAILS",
	"vod:ladder":              "2160:16000:9,1080:6000,720:3500,360:800",
	"vod:acceleration":        "ENABLED",
	"vod:createQueue":         "true",
	"vod:userMetadata":        "team=news,show=evening",
	"vod:sourceKmsKeyArn":     "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
	"vod:priority":            "10",
	"vod:notificationEmail":   "media-ops@example.com",
	"vod:priceClass":          "All",
	"vod:domainNames":         "video.example.com",
	"vod:certificateArn":      "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
	"vod:webAclArn":           "arn:aws:wafv2:us-east-1:123456789012:global/webacl/streamcdk/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
	"vod:geoAllow":            "US,CA,de",
	"vod:playbackCorsOrigins": "https://player.example.com",
	"vod:originShieldRegion":  "us-east-1",
}

// TestCdkNag: zero unsuppressed AwsSolutions errors or warnings in every variant.
func TestCdkNag(t *testing.T) {
	for name, ov := range variants {
		t.Run(name, func(t *testing.T) {
			s := synth(t, ov, name == "default")
			ann := assertions.Annotations_FromStack(s.stacks.Vod.Stack)
			for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
				t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
			}
			for _, m := range *ann.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
				t.Errorf("cdk-nag warning at %s: %v", *m.Id, m.Entry.Data)
			}
		})
	}
}

// TestCfnLint runs AWS's cfn-lint on every variant's templates: zero errors or warnings.
func TestCfnLint(t *testing.T) {
	bin, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Fatal("cfn-lint is not on PATH; run the tests through `make test` (scripts/test.sh finds it) or pip install cfn-lint")
	}
	dir := t.TempDir()
	var files []string
	for name, ov := range variants {
		s := synth(t, ov, name == "default")
		src := filepath.Join(s.assembly, *s.stacks.Vod.Stack.TemplateFile())
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, "vod-"+name+".json")
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, dst)
	}
	cmd := exec.Command(bin, append([]string{"--format", "parseable", "--"}, files...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("cfn-lint failed (%v):\n%s", err, strings.TrimSpace(out.String()))
	}
}

// TestDeterministic: two synths of the same configuration give byte-identical templates.
func TestDeterministic(t *testing.T) {
	a, err := build(t, nil, false, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, err := build(t, nil, false, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := *a.stacks.Vod.Stack.TemplateFile()
	ab, _ := os.ReadFile(filepath.Join(a.assembly, f))
	bb, _ := os.ReadFile(filepath.Join(b.assembly, f))
	if len(ab) == 0 || !bytes.Equal(ab, bb) {
		t.Errorf("two synths of %s differ (%d vs %d bytes):\n%s", f, len(ab), len(bb), lineDiff(string(ab), string(bb)))
	}
}
