package transcode

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/storage"
	"github.com/streamcdk/streamcdk/internal/validate"
)

// OutputBucketProps configures NewOutputBucket.
type OutputBucketProps struct {
	// LogsBucket receives the server access logs. Default: a logs bucket "<id>Logs" is created
	// beside the output bucket.
	LogsBucket awss3.IBucket
	// NoncurrentVersionDays is how long replaced renditions are kept. Default: 30.
	NoncurrentVersionDays int
	// RemovalPolicy of the bucket. Default: RETAIN.
	RemovalPolicy awscdk.RemovalPolicy
}

// NewOutputBucket defines the bucket MediaConvert writes renditions to: private (CloudFront
// reads it through Origin Access Control), encrypted with SSE-S3, versioned and retained.
func NewOutputBucket(scope constructs.Construct, id string, props *OutputBucketProps) awss3.Bucket {
	if props == nil {
		props = &OutputBucketProps{}
	}
	if err := validate.InRange("transcode", "NoncurrentVersionDays", props.NoncurrentVersionDays, 1, 3650, "days", true); err != nil {
		panic(err)
	}
	logs := props.LogsBucket
	if logs == nil {
		logs = storage.NewLogsBucket(scope, id+"Logs", props.RemovalPolicy, 365)
	}
	days := props.NoncurrentVersionDays
	if days == 0 {
		days = 30
	}
	p := storage.SecureBucketProps(props.RemovalPolicy, logs, "outputs/")
	p.LifecycleRules = &[]*awss3.LifecycleRule{storage.NoncurrentExpiry("ReplacedRenditions", days)}
	return awss3.NewBucket(scope, jsii.String(id), p)
}
