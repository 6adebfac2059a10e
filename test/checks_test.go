package test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// variants are the configurations whose templates cdk-nag and cfn-lint check.
var variants = map[string]map[string]any{
	"default":          nil,
	"mediapackage":     mediaPackageVariant,
	"mediapackage-kms": mediaPackageKmsVariant,
	"ads":              liveChannelsVariant,
	"options":          optionsVariant,
	"failover":         failoverVariant,
}

var mediaPackageVariant = map[string]any{"vod:mediaPackage": "true",
	// Live: an authenticated pull from two origins of the user's.
	"live:sources":               "https://origin-a.example.com/live/index.m3u8,https://origin-b.example.com/live/index.m3u8",
	"live:pullUsername":          "streamcdk",
	"live:pullPasswordParameter": "/streamcdk/pull-password",
	// DRM with the stacks' demo key servers: the live endpoints; the VoD packaging
	// configurations (the renditions private, the key server's routes on the distribution).
	"live:drm": "demo",
	"vod:drm":  "demo",
}

// mediaPackageKmsVariant encrypts the renditions with a customer-managed key that MediaConvert
// writes with, MediaPackage reads with and CloudFront decrypts with (MediaPackage VOD without
// DRM); the live endpoints (TS among them) through a vendor's key provider, default systems.
var mediaPackageKmsVariant = map[string]any{"vod:mediaPackage": "true", "vod:outputEncryption": "kms",
	"live:drm": "speke", "live:spekeUrl": "https://abcd123456.execute-api.us-east-1.amazonaws.com/prod/copyProtection",
	"live:spekeRoleArn": "arn:aws:iam::123456789012:role/SpekeAccess"}

// failoverVariant is live across two Regions: an RTMP push (epoch locking takes no pull) with
// a secondary stack in us-west-2 the distribution fails over to; the live stacks only.
var failoverVariant = map[string]any{"streamcdk:stacks": "live", "live:region": "us-east-1", "live:secondaryRegion": "us-west-2",
	"live:inputType": "RTMP_PUSH", "live:inputCidrs": "203.0.113.0/24"}

// optionsVariant sets every optional feature at once.
var optionsVariant = map[string]any{
	"vod:archiveClass":         "GLACIER",
	"vod:archiveAfterDays":     "45",
	"vod:uploadCorsOrigins":    "https://upload.example.com",
	"vod:sourcePrefix":         "uploads/",
	"vod:trigger":              "METADATA",
	"vod:codec":                "H_265",
	"vod:formats":              "CMAF,MP4,THUMBNAILS",
	"vod:ladder":               "2160:16000:9,1080:6000,720:3500,360:800",
	"vod:captions":             "CC1:eng:English,CC3:spa:Espanol",
	"vod:audio":                "eng,spa",
	"vod:acceleration":         "ENABLED",
	"vod:createQueue":          "true",
	"vod:userMetadata":         "team=news,show=evening",
	"vod:sourceKmsKeyArn":      "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
	"vod:priority":             "10",
	"vod:notificationEmail":    "media-ops@example.com",
	"vod:priceClass":           "All",
	"vod:domainNames":          "video.example.com",
	"vod:certificateArn":       "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
	"vod:webAclArn":            "arn:aws:wafv2:us-east-1:123456789012:global/webacl/streamcdk/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
	"vod:geoAllow":             "US,CA,de",
	"vod:playbackCorsOrigins":  "https://player.example.com",
	"vod:originShieldRegion":   "us-east-1",
	"vod:signingPublicKeyFile": "testdata/signing-public-key.pem",
	// Live: an RTMP push on one pipeline, H.265 720p, low-latency HLS, start-over, CDN options.
	"live:channelName":            "news",
	"live:inputType":              "RTMP_PUSH",
	"live:inputCidrs":             "203.0.113.0/24,198.51.100.0/24",
	"live:channelClass":           "SINGLE_PIPELINE",
	"live:codec":                  "H_265",
	"live:preset":                 "HD720",
	"live:lowLatencyHls":          "true",
	"live:startoverWindowSeconds": "3600",
	"live:priceClass":             "All",
	"live:geoAllow":               "US,CA",
	"live:originShieldRegion":     "us-east-1",
	"live:signingPublicKeyFile":   "testdata/signing-public-key.pem",
	"live:autoStart":              "true",
	"live:domainNames":            "live.example.com",
	"live:certificateArn":         "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
	// DRM through a vendor's SPEKE v2 key provider (HEVC: no TS endpoint; CMAF takes these).
	"live:drm":            "speke",
	"live:spekeUrl":       "https://abcd123456.execute-api.us-east-1.amazonaws.com/prod/copyProtection",
	"live:spekeRoleArn":   "arn:aws:iam::123456789012:role/SpekeAccess",
	"live:drmSystems":     "WIDEVINE,PLAYREADY",
	"live:drmVideoPreset": "PRESET_VIDEO_2",
	// Both stacks' viewer logs kept 30 days; the mezzanine bucket accelerated.
	"vod:viewerLogDays":        "30",
	"live:viewerLogDays":       "30",
	"vod:transferAcceleration": "true",
}

// TestCdkNag: zero unsuppressed AwsSolutions errors or warnings in every variant.
func TestCdkNag(t *testing.T) {
	for name, ov := range variants {
		t.Run(name, func(t *testing.T) {
			s := synth(t, ov, false)
			for _, stack := range s.stacks.Stacks() {
				ann := assertions.Annotations_FromStack(stack)
				for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
					t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
				}
				for _, m := range *ann.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
					t.Errorf("cdk-nag warning at %s: %v", *m.Id, m.Entry.Data)
				}
			}
		})
	}
}

// TestCfnLint runs AWS's cfn-lint on every variant's templates: zero errors or warnings. A
// template that passed before, byte for byte, with the same cfn-lint version, arguments and
// user configuration (~/.cfnlintrc), is not linted again: a passing result is kept in the user's
// cache (failures are never kept), as go test keeps a package's result.
func TestCfnLint(t *testing.T) {
	bin, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Fatal("cfn-lint is not on PATH; run the tests through `make test` (scripts/test.sh finds it) or pip install cfn-lint")
	}
	version, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("cfn-lint --version: %v", err)
	}
	// The Region is given (cfn-lint would otherwise take AWS_REGION's); cfn-lint runs in an
	// empty folder (no project .cfnlintrc), and the user's .cfnlintrc is part of the key.
	args := []string{"--regions", "us-east-1", "--format", "parseable"}
	home, _ := os.UserHomeDir()
	rc, _ := os.ReadFile(filepath.Join(home, ".cfnlintrc"))
	keyed := fmt.Sprintf("%s\x00%s\x00%s\x00", version, strings.Join(args, " "), rc)
	passes := newLintPasses()
	dir := t.TempDir()
	var files []string
	keys := map[string]string{} // file -> its cache key
	seen := map[string]bool{}   // a variant that leaves a stack as it is gives the same template
	for name, ov := range variants {
		s := synth(t, ov, false)
		for _, stack := range s.stacks.Stacks() {
			prefix := *stack.StackName() + "-"
			b, err := os.ReadFile(filepath.Join(s.assembly, *stack.TemplateFile()))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(append([]byte(keyed), b...))
			key := hex.EncodeToString(sum[:])
			if seen[key] || passes.passed(key) {
				continue
			}
			seen[key] = true
			dst := filepath.Join(dir, prefix+name+".json")
			if err := os.WriteFile(dst, b, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, dst)
			keys[dst] = key
		}
	}
	t.Logf("%s: %d templates to lint (others passed this version before)", strings.TrimSpace(string(version)), len(files))
	// Two cfn-lint processes, half the templates each: one is single-threaded, and the machine has two cores.
	sort.Strings(files)
	halves := [][]string{files[:len(files)/2], files[len(files)/2:]}
	outs := make([]bytes.Buffer, len(halves))
	errs := make([]error, len(halves))
	var wg sync.WaitGroup
	for i, h := range halves {
		if len(h) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, append(append(append([]string{}, args...), "--"), h...)...)
			cmd.Dir = dir
			cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
			errs[i] = cmd.Run()
		}()
	}
	wg.Wait()
	for i, h := range halves {
		if errs[i] != nil {
			t.Errorf("cfn-lint failed (%v):\n%s", errs[i], strings.TrimSpace(outs[i].String()))
			continue
		}
		for _, f := range h {
			passes.remember(keys[f])
		}
	}
}

// lintPasses keeps cfn-lint's passes in the user's cache, a file per key; without a user cache
// directory nothing is kept.
type lintPasses struct{ dir string }

func newLintPasses() lintPasses {
	c, err := os.UserCacheDir()
	if err != nil {
		return lintPasses{}
	}
	dir := filepath.Join(c, "streamcdk", "cfn-lint")
	if os.MkdirAll(dir, 0o755) != nil {
		return lintPasses{}
	}
	return lintPasses{dir}
}

// passed reports whether key passed before.
func (l lintPasses) passed(key string) bool {
	if l.dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(l.dir, key))
	return err == nil
}

// remember records that key passed.
func (l lintPasses) remember(key string) {
	if l.dir != "" {
		os.WriteFile(filepath.Join(l.dir, key), nil, 0o644)
	}
}

// TestNoCustomResources: media resources, notifications and routes are native CloudFormation;
// the only custom resource is CDK's BucketDeployment of the player page (and none without it).
func TestNoCustomResources(t *testing.T) {
	for ov, allowed := range map[string]bool{"": true, "false": false} {
		ctx := map[string]any{}
		if ov != "" {
			ctx = minimalVariant // the players off
		}
		s := synth(t, ctx, false)
		for _, tmpl := range []map[string]any{s.vodJSON, s.liveJSON} {
			for id, r := range tmpl["Resources"].(map[string]any) {
				typ := r.(map[string]any)["Type"].(string)
				if typ == "AWS::CloudFormation::CustomResource" || (strings.HasPrefix(typ, "Custom::") && !(allowed && typ == "Custom::CDKBucketDeployment")) {
					t.Errorf("player %v: %s is a custom resource (%s)", allowed, id, typ)
				}
			}
		}
	}
}
