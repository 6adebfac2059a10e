package test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
)

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
	s := synth(t, optionsVariant, false) // GLACIER after 45 days, upload CORS, acceleration
	hasProps(t, s.vod, "AWS::S3::Bucket", map[string]any{
		"AccelerateConfiguration": map[string]any{"AccelerationStatus": "Enabled"},
		"CorsConfiguration": map[string]any{"CorsRules": assertions.Match_ArrayWith(&[]any{
			assertions.Match_ObjectLike(&map[string]any{"AllowedOrigins": []any{"https://upload.example.com"}}),
		})},
		"LifecycleConfiguration": map[string]any{"Rules": assertions.Match_ArrayWith(&[]any{
			assertions.Match_ObjectLike(&map[string]any{
				"Id":          "ArchiveSources",
				"Transitions": []any{map[string]any{"StorageClass": "GLACIER", "TransitionInDays": 45}},
			}),
			assertions.Match_ObjectLike(&map[string]any{
				"Id":          "ArchiveTaggedDeepArchive",
				"TagFilters":  []any{map[string]any{"Key": "StreamCdkArchive", "Value": "DEEP_ARCHIVE"}},
				"Transitions": []any{map[string]any{"StorageClass": "DEEP_ARCHIVE", "TransitionInDays": 45}},
			}),
		})},
	})
}
