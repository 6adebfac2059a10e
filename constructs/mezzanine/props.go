package mezzanine

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// ArchiveClass is the storage class sources move to after ArchiveAfterDays.
type ArchiveClass string

const (
	// ArchiveNone keeps sources in S3 Standard. The default.
	ArchiveNone ArchiveClass = ""
	// ArchiveGlacier moves sources to S3 Glacier Flexible Retrieval.
	ArchiveGlacier ArchiveClass = "GLACIER"
	// ArchiveDeepArchive moves sources to S3 Glacier Deep Archive.
	ArchiveDeepArchive ArchiveClass = "DEEP_ARCHIVE"
)

// ArchiveTag is the object tag that archives one source: a metadata file's "archive" sets it
// (value GLACIER or DEEP_ARCHIVE), and lifecycle rules move tagged sources after ArchiveAfterDays.
const ArchiveTag = "StreamCdkArchive"

// BucketProps configures NewBucket. The zero value (or nil) is a valid configuration.
type BucketProps struct {
	// Bucket is an existing bucket to use instead of creating one. EventBridge notifications must
	// already be enabled on it. When set, every other field must keep its zero value.
	// Default: a new bucket is created.
	Bucket awss3.IBucket

	// EncryptionKey encrypts sources with SSE-KMS. The MediaConvert role is granted decrypt.
	// Default: S3-managed keys (SSE-S3).
	EncryptionKey awskms.IKey

	// LogsBucket receives the server access logs. Default: a new logs bucket is created.
	LogsBucket awss3.IBucket

	// LogRetentionDays applies to a logs bucket created here. Default: 365.
	LogRetentionDays int

	// ArchiveClass moves sources to a Glacier storage class after ArchiveAfterDays.
	// Default: ArchiveNone.
	ArchiveClass ArchiveClass

	// ArchiveAfterDays is how long after upload sources move to ArchiveClass, and sources tagged
	// with ArchiveTag to the tagged class. Default: 30.
	ArchiveAfterDays int

	// NoncurrentVersionDays is how long overwritten or deleted versions are kept. Default: 90.
	NoncurrentVersionDays int

	// AbortIncompleteUploadDays aborts unfinished multipart uploads after this many days. Default: 7.
	AbortIncompleteUploadDays int

	// CORSAllowedOrigins enables browser uploads (PUT/POST, presigned URLs) from these origins.
	// Default: no CORS rule.
	CORSAllowedOrigins []string

	// TransferAcceleration enables S3 Transfer Acceleration for long-distance uploads.
	// Default: false.
	TransferAcceleration bool

	// RemovalPolicy of the created buckets. Default: RETAIN.
	RemovalPolicy awscdk.RemovalPolicy
}
