package transcode

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/storage"
	"github.com/streamcdk/streamcdk/constructs/validate"
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
	// EncryptionKey encrypts the renditions with SSE-KMS (with S3 Bucket Keys, which cut KMS
	// requests). The pipeline grants MediaConvert, packaging.NewVod grants MediaPackage, and
	// CloudFront's Origin Access Control gets decrypt through the key's policy when the key is
	// in the same stack. Default: SSE-S3.
	EncryptionKey awskms.IKey
}

// OutputEncryption is how the VoD stack encrypts renditions at rest.
type OutputEncryption string

const (
	// OutputEncryptionS3 uses S3-managed keys (SSE-S3). The default.
	OutputEncryptionS3 OutputEncryption = "S3_MANAGED"
	// OutputEncryptionKMS uses a customer-managed KMS key the stack creates (rotated, retained).
	OutputEncryptionKMS OutputEncryption = "KMS"
)

// OutputEncryptions lists the allowed values, for callers that accept them in any case.
var OutputEncryptions = []OutputEncryption{OutputEncryptionS3, OutputEncryptionKMS}

// Validate returns the *validate.Error NewOutputBucket would panic with for these props,
// without creating anything.
func (p *OutputBucketProps) Validate() error {
	return validate.InRange("transcode", "NoncurrentVersionDays", p.NoncurrentVersionDays, 1, 3650, "days", true)
}

// NewOutputBucket defines the bucket MediaConvert writes renditions to: private (CloudFront
// reads it through Origin Access Control), encrypted (SSE-S3, or SSE-KMS with EncryptionKey),
// versioned and retained.
func NewOutputBucket(scope constructs.Construct, id string, props *OutputBucketProps) awss3.Bucket {
	if props == nil {
		props = &OutputBucketProps{}
	}
	if err := props.Validate(); err != nil {
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
	if props.EncryptionKey != nil {
		p.Encryption, p.EncryptionKey, p.BucketKeyEnabled = awss3.BucketEncryption_KMS, props.EncryptionKey, jsii.Bool(true)
	}
	return awss3.NewBucket(scope, jsii.String(id), p)
}
