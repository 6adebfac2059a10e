package test

import (
	mpvodtypes "github.com/aws/aws-sdk-go-v2/service/mediapackagevod/types"

	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
)

// TestVodGolden snapshots the default VoD stack. In-process synths leave CloudFormation
// validation to cfn-lint (every variant); CDK's built-in validation runs in the new-user synth
// of test/e2e (make synth).
func TestVodGolden(t *testing.T) {
	s := synth(t, nil, false)
	checkGolden(t, "vod", s.vodJSON)
}

// TestVodMediaPackageGolden snapshots the stack with MediaPackage VOD packaging.
func TestVodMediaPackageGolden(t *testing.T) {
	checkGolden(t, "vod-mediapackage", synth(t, mediaPackageVariant, false).vodJSON)
}

func TestMezzanineDefaults(t *testing.T) {
	s := synth(t, nil, false)
	hasResource(t, s.vod, "AWS::S3::Bucket", map[string]any{
		"DeletionPolicy":      "Retain",
		"UpdateReplacePolicy": "Retain",
		"Properties": assertions.Match_ObjectLike(&map[string]any{
			"NotificationConfiguration": map[string]any{"EventBridgeConfiguration": map[string]any{"EventBridgeEnabled": true}},
			"VersioningConfiguration":   map[string]any{"Status": "Enabled"},
			"LoggingConfiguration":      assertions.Match_ObjectLike(&map[string]any{"LogFilePrefix": "mezzanine/"}),
			"PublicAccessBlockConfiguration": map[string]any{
				"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
			},
		}),
	})
	// Every bucket is retained and versioned.
	for id, b := range resources(s.vodJSON, "AWS::S3::Bucket") {
		if b["DeletionPolicy"] != "Retain" {
			t.Errorf("bucket %s: DeletionPolicy %v, want Retain", id, b["DeletionPolicy"])
		}
		v, _ := b["Properties"].(map[string]any)["VersioningConfiguration"].(map[string]any)
		if v["Status"] != "Enabled" {
			t.Errorf("bucket %s is not versioned", id)
		}
	}
}

func TestMezzanineOptions(t *testing.T) {
	s := synth(t, map[string]any{
		"vod:archiveClass":         "DEEP_ARCHIVE",
		"vod:archiveAfterDays":     "60",
		"vod:uploadCorsOrigins":    "https://upload.example.com",
		"vod:transferAcceleration": "true",
	}, false)
	hasProps(t, s.vod, "AWS::S3::Bucket", map[string]any{
		"AccelerateConfiguration": map[string]any{"AccelerationStatus": "Enabled"},
		"CorsConfiguration": map[string]any{"CorsRules": assertions.Match_ArrayWith(&[]any{
			assertions.Match_ObjectLike(&map[string]any{"AllowedOrigins": []any{"https://upload.example.com"}}),
		})},
		"LifecycleConfiguration": map[string]any{"Rules": assertions.Match_ArrayWith(&[]any{
			assertions.Match_ObjectLike(&map[string]any{
				"Id":          "ArchiveSources",
				"Transitions": []any{map[string]any{"StorageClass": "DEEP_ARCHIVE", "TransitionInDays": 60}},
			}),
			assertions.Match_ObjectLike(&map[string]any{
				"Id":          "ArchiveTaggedGlacier",
				"TagFilters":  []any{map[string]any{"Key": "StreamCdkArchive", "Value": "GLACIER"}},
				"Transitions": []any{map[string]any{"StorageClass": "GLACIER", "TransitionInDays": 60}},
			}),
		})},
	})
}

// TestNoCustomResources: media resources, notifications and routes are native CloudFormation;
// the only custom resource is CDK's BucketDeployment of the player page (and none without it).
func TestNoCustomResources(t *testing.T) {
	for ov, allowed := range map[string]bool{"": true, "false": false} {
		ctx := map[string]any{}
		if ov != "" {
			ctx = map[string]any{"vod:player": ov, "live:player": ov}
		}
		s := synth(t, ctx, ov == "")
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

// TestMediaPackageVodKeepsAdMarkers: MediaPackage VOD's HLS and CMAF configurations copy the
// input HLS's SCTE-35 ad markers (the mid-roll cues), instead of stripping them (NONE).
func TestMediaPackageVodKeepsAdMarkers(t *testing.T) {
	n := 0
	for id, c := range resources(synth(t, mediaPackageVariant, false).vodJSON, "AWS::MediaPackage::PackagingConfiguration") {
		p := c["Properties"].(map[string]any)
		for _, pkg := range []string{"HlsPackage", "CmafPackage"} {
			if pk, ok := p[pkg].(map[string]any); ok {
				for _, m := range pk["HlsManifests"].([]any) {
					n++
					if got := m.(map[string]any)["AdMarkers"]; got != string(mpvodtypes.AdMarkersPassthrough) {
						t.Errorf("%s: %s AdMarkers %v, want %s", id, pkg, got, mpvodtypes.AdMarkersPassthrough)
					}
				}
			}
		}
	}
	if n != 2 {
		t.Errorf("checked %d HLS manifests, want HLS and CMAF", n)
	}
}
