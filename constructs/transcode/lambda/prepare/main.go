// Command prepare is the transcode workflow's Lambda function: it reads the optional metadata
// file, probes the source with MediaConvert, rejects what cannot be encoded and returns the
// MediaConvert job settings, the output keys and the playback URLs for the source.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/mediaconvert"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	cfg, err := configFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	awsCfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	h := &handler{cfg: cfg, s3: s3.NewFromConfig(awsCfg), probe: mediaconvert.NewFromConfig(awsCfg)}
	lambda.Start(h.invoke)
}

// configFromEnv reads the settings the construct put in the function's environment.
func configFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		OutputBucket:    getenv("OUTPUT_BUCKET"),
		OutputBucketArn: getenv("OUTPUT_BUCKET_ARN"),
		Acceleration:    getenv("ACCELERATION"),
		SourcePrefix:    getenv("SOURCE_PREFIX"),
		Trigger:         getenv("TRIGGER"),
		PlaybackBase:    getenv("PLAYBACK_BASE_URL"),
		PlayerURL:       getenv("PLAYER_URL"),
		AdsHLSPrefix:    getenv("ADS_HLS_PREFIX"),
		AdsDASHPrefix:   getenv("ADS_DASH_PREFIX"),
		MediaPackage:    getenv("MEDIA_PACKAGE") == "true",
		PrivateOutputs:  getenv("PRIVATE_OUTPUTS") == "true",
		ClearKeyLicense: getenv("CLEARKEY_LICENSE"),
	}
	if err := json.Unmarshal([]byte(getenv("SPEC")), &c.Spec); err != nil {
		return c, fmt.Errorf("SPEC: %w", err)
	}
	if u := getenv("USER_METADATA"); u != "" {
		if err := json.Unmarshal([]byte(u), &c.UserMetadata); err != nil {
			return c, fmt.Errorf("USER_METADATA: %w", err)
		}
	}
	if err := json.Unmarshal([]byte(getenv("SUFFIXES")), &c.Suffixes); err != nil {
		return c, fmt.Errorf("SUFFIXES: %w", err)
	}
	if c.OutputBucket == "" || c.OutputBucketArn == "" {
		return c, fmt.Errorf("OUTPUT_BUCKET and OUTPUT_BUCKET_ARN must be set")
	}
	return c, c.Spec.Validate()
}
